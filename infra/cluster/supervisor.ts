/**
 * The cluster profile's supervisor, doing what systemd's Restart=always does on real machines: a part that
 * ends without being asked (a crash, SIGKILL) is started again, after a second and then longer if it
 * keeps failing (PostgreSQL killed hard refuses to start while its old backends still hold its shared
 * memory). The parts' current process ids are kept in a file, so an operator or a chaos test can find them.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { stopProcess } from '../processes';

interface Part {
  child: ChildProcess;
  start: () => Promise<ChildProcess>;
  restarts: number;
}

export class Supervisor {
  private readonly parts = new Map<string, Part>();
  private stopping = false;

  constructor(
    private readonly pidsFile: string,
    private readonly log: (line: string) => void = (l) => console.log(l),
  ) {}

  /** Starts a part and keeps it running; the order of adding is the order of starting. */
  async add(name: string, start: () => Promise<ChildProcess>): Promise<ChildProcess> {
    const child = await start();
    this.watch(name, { child, start, restarts: 0 });
    return child;
  }

  private watch(name: string, part: Part): void {
    this.parts.set(name, part);
    this.writePids();
    part.child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.log(`[cluster] ${name} ended (${signal ?? `exit ${code}`}); starting it again`);
      void this.restart(name, part);
    });
  }

  private async restart(name: string, part: Part): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(1_000 * attempt, 5_000)));
      if (this.stopping) return;
      try {
        const child = await part.start();
        this.watch(name, { ...part, child, restarts: part.restarts + 1 });
        this.log(`[cluster] ${name} is running again (pid ${child.pid})`);
        return;
      } catch (err) {
        this.log(`[cluster] ${name} did not start (attempt ${attempt}): ${(err as Error).message}`);
      }
    }
  }

  /** Stops every part, the last started first (the services before the servers they need). */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const part of [...this.parts.values()].reverse()) await stopProcess(part.child);
  }

  private writePids(): void {
    const pids = Object.fromEntries([...this.parts].map(([name, p]) => [name, p.child.pid]));
    fs.writeFileSync(this.pidsFile, JSON.stringify(pids, null, 2));
  }
}
