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
import { envOnFreePorts } from '../setup/processHarness';

const root = path.join(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** Runs infra/start.ts; `until` decides from the output when to send SIGINT (or never). */
function start(env: NodeJS.ProcessEnv, until?: (out: string) => boolean, meanwhile?: () => Promise<void>) {
  const child = spawn(tsx, ['infra/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stopping = false;
  const onData = (d: Buffer) => {
    out += d.toString();
    if (until && until(out) && !stopping) {
      stopping = true;
      void (meanwhile ?? (async () => undefined))().finally(() => child.kill('SIGINT'));
    }
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
    const env = await envOnFreePorts(dir);
    let scraped = '';
    let signedIn = '';
    const { code, out } = await start(
      env,
      (o) => o.includes('aftersales is running'),
      async () => {
        // The whole system's metrics on one endpoint: HTTP, business gauges and the SDK's worker metrics.
        for (let attempt = 0; attempt < 5 && !scraped.startsWith('#'); attempt++) {
          try {
            const tokens = JSON.parse(fs.readFileSync(path.join(dir, 'demo-tokens.json'), 'utf8')) as { admin: string };
            const res = await fetch(`http://127.0.0.1:${env.PORT}/metrics`, {
              headers: { authorization: `Bearer ${tokens.admin}` },
            });
            scraped = await res.text();
            // Demo accounts for every role: the admin signs in with the password written for them.
            const accounts = JSON.parse(fs.readFileSync(path.join(dir, 'demo-accounts.json'), 'utf8')) as {
              username: string;
              password: string;
              role: string;
            }[];
            signedIn = accounts.map((a) => a.role).join(',');
            const admin = accounts.find((a) => a.role === 'admin')!;
            const signIn = await fetch(`http://127.0.0.1:${env.PORT}/app/sign-in`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ username: admin.username, password: admin.password }).toString(),
              redirect: 'manual',
            });
            signedIn += ` ${signIn.status} ${signIn.headers.get('location')}`;
          } catch (err) {
            scraped = `scrape failed: ${(err as Error).message}`;
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      },
    );
    expect(scraped).toMatch(/^aftersales_outbox_messages\{state="pending"\} \d+$/m);
    expect(scraped).toMatch(/^aftersales_requests_breached\{clock="arrival"\} \d+$/m);
    expect(scraped).toMatch(/^temporal_\w+/m); // the SDK's worker metrics
    expect(signedIn).toBe('agent,dispatcher,engineer,support,quality,manager,admin 303 /app/admin');
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
