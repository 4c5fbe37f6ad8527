/**
 * `npm start` as an operator runs it (issue: survive what production does to it, item 7): a whole
 * system on free loopback ports that stops cleanly on Ctrl-C, and a second start on a taken port that
 * refuses at once instead of running a second worker and rewriting the demo tokens.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../infra/processes';

const root = path.join(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

async function envOnFreePorts(dataDir: string): Promise<NodeJS.ProcessEnv> {
  const [http, temporal, ui, mongo, smtp] = await Promise.all([1, 2, 3, 4, 5].map(() => freePort()));
  return {
    ...process.env,
    AFTERSALES_DATA_DIR: dataDir,
    PORT: String(http),
    TEMPORAL_ADDRESS: `127.0.0.1:${temporal}`,
    TEMPORAL_UI_PORT: String(ui),
    MONGODB_URI: `mongodb://127.0.0.1:${mongo}/aftersales`,
    SMTP_PORT: String(smtp),
  };
}

/** Runs infra/start.ts; `until` decides from the output when to send SIGINT (or never). */
function start(env: NodeJS.ProcessEnv, until?: (out: string) => boolean) {
  const child = spawn(tsx, ['infra/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const onData = (d: Buffer) => {
    out += d.toString();
    if (until && until(out) && !child.killed) child.kill('SIGINT');
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, out })),
  );
}

describe('npm start', () => {
  it('R-INTEGRATE-2 starts everything and stops cleanly on Ctrl-C', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-start-'));
    const { code, out } = await start(await envOnFreePorts(dir), (o) => o.includes('aftersales is running'));
    expect(out).toContain('aftersales is running');
    expect(out).toContain('[start] stopped; data kept in');
    expect(out).not.toMatch(/Not running|Current state/);
    expect(code).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('R-INTEGRATE-2 a second start on a port in use stops at once with a clear message and writes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-start-'));
    const env = await envOnFreePorts(dir);
    const taken = net.createServer().listen(Number(env.PORT), '127.0.0.1');
    await new Promise((r) => taken.once('listening', r));
    const { code, out } = await start(env);
    taken.close();
    expect(code).toBe(1);
    expect(out).toContain(`port ${env.PORT} is in use: is aftersales already running? Stop it first, or set PORT.`);
    expect(out).not.toContain('aftersales is running');
    expect(fs.existsSync(path.join(dir, 'demo-tokens.json'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
