/**
 * Backups of the embedded default (cluster issue, item 5): `npm run backup` of a running system, the data
 * directory lost, `npm run restore`, and the next start resumes every request where the backup found it:
 * their workflows take the next step; what came after the backup is gone (it was not in it). A restore
 * refuses to run under a running system and to overwrite a data directory that holds data.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueToken } from '../../shared/runtime/auth';
import { loadConfig } from '../../shared/runtime/config';
import { benchAppointment } from '../../infra/bench/measure';
import { intakeBody } from '../setup/env';
import { envOnFreePorts } from '../setup/processHarness';

const root = path.join(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-backup-'));
const dataDir = path.join(dir, 'data');
let env: NodeJS.ProcessEnv;
let system: ChildProcess | undefined;

beforeAll(async () => {
  env = await envOnFreePorts(dataDir);
});
afterAll(async () => {
  await stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `npm start` on the test's data directory, until it says it is running. */
async function start(): Promise<void> {
  system = spawn(tsx, ['infra/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => (out += d.toString()).includes('aftersales is running') && resolve();
    system!.stdout!.on('data', onData);
    system!.stderr!.on('data', onData);
    system!.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)));
  });
}
async function stop(): Promise<void> {
  if (!system || system.exitCode !== null) return;
  const exited = new Promise((r) => system!.once('exit', r));
  system.kill('SIGINT');
  await exited;
  system = undefined;
}
const run = (script: string, ...args: string[]) => {
  const r = spawnSync(tsx, [script, ...args], { cwd: root, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
};

const secret = loadConfig().authSecret;
async function call(method: string, p: string, token: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${env.PORT}/api/v1${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}
async function offered(no: string, agent: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const { body } = await call('GET', `/requests/${no}`, agent);
    if (body.status === 'offered') return body.offer.engineerId;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${no} was never offered`);
}
const as = (engineerId: string) => issueToken(secret, { role: 'engineer', id: engineerId });

it('R-INTEGRATE-2 a running system backed up, its data directory lost and restored: every request resumes where it was', async () => {
  await start();
  const agent = await issueToken(secret, { role: 'agent', id: 'agent-1' });
  const waiting = (await call('POST', '/requests', agent, intakeBody())).body.requestNo as string;
  const booked = (await call('POST', '/requests', agent, intakeBody({ urgency: 'urgent' }))).body.requestNo as string;
  const waitingFor = await offered(waiting, agent);
  const bookedBy = await offered(booked, agent);
  expect((await call('POST', `/requests/${booked}/offer/accept`, await as(bookedBy))).status).toBe(200);
  const appointment = await call('POST', `/requests/${booked}/appointment`, await as(bookedBy), benchAppointment());
  expect(appointment.status).toBe(200);

  const backup = path.join(dir, 'backup');
  const made = run('infra/backup.ts', '--to', backup);
  expect(made.out).toMatch(/pg_dump of the running PostgreSQL/);
  expect(made.code).toBe(0);
  const manifest = JSON.parse(fs.readFileSync(path.join(backup, 'manifest.json'), 'utf8'));
  expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(
    expect.arrayContaining(['app.pgdump', 'temporal.db', 'files/demo-accounts.json']),
  );
  // After the backup: not in it, so gone after the restore.
  const later = (await call('POST', '/requests', agent, intakeBody())).body.requestNo as string;

  expect(run('infra/restore.ts', '--from', backup).out).toMatch(/aftersales is running on this data directory/);
  await stop();
  expect(run('infra/restore.ts', '--from', backup).out).toMatch(/holds data .* pass --force/);
  fs.rmSync(dataDir, { recursive: true, force: true }); // the disk is lost
  const restored = run('infra/restore.ts', '--from', backup);
  expect(restored.out).toMatch(/checked against the manifest/);
  expect(restored.code).toBe(0);

  await start();
  expect((await call('GET', `/requests/${waiting}`, agent)).body).toMatchObject({ status: 'offered' });
  expect((await call('GET', `/requests/${booked}`, agent)).body).toMatchObject({ status: 'scheduled' });
  expect((await call('GET', `/requests/${later}`, agent)).status).toBe(404);
  // The workflows go on from there: the offer can be accepted, the engineer checks in.
  const accept = await call('POST', `/requests/${waiting}/offer/accept`, await as(waitingFor));
  expect(accept).toMatchObject({ status: 200, body: { status: 'assigned' } });
  const checkIn = await call('POST', `/requests/${booked}/check-in`, await as(bookedBy), { identityShown: true });
  expect(checkIn).toMatchObject({ status: 200, body: { status: 'on_site' } });
}, 300_000);
