/**
 * A rolling upgrade on the cluster profile (cluster issue, item 4; docs/decisions/0009): the cluster starts on
 * the previous release (a git worktree of it), requests and suggestions are taken in, then each worker and
 * services instance is restarted on this build, one at a time, while more come in. The new build changes
 * what suggestions do behind `patched('suggestion-kpis')` (an activity the old one never schedules), so a
 * suggestion started on a new worker whose next task reached an old one fails that task: the test forces that
 * once (the new worker restarts while the old one still runs). Then: every request and suggestion finished its
 * steps; a workflow task failed only there, with the old build's non-determinism error, and completed on a new
 * worker. Prints the figures.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { issueToken } from '../../shared/runtime/auth';
import { suggestionWorkflowId } from '../../shared/suggestion/ids';
import { loadConfig } from '../../shared/runtime/config';
import { benchAppointment } from '../../infra/bench/measure';
import { intakeBody } from '../setup/env';
import { call, startCluster, type Cluster } from './harness';

/** The previous release: the main branch as it last landed before `patched('suggestion-kpis')`. */
const PREVIOUS = process.env.UPGRADE_FROM ?? 'ef4c7c4';
const root = path.join(__dirname, '..', '..');
const secret = loadConfig().authSecret;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let cluster: Cluster;
let previous: string;

beforeAll(async () => {
  previous = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-previous-'));
  execFileSync('git', ['worktree', 'add', '--detach', previous, PREVIOUS], { cwd: root, stdio: 'pipe' });
  // The same lockfile (checked): the previous build runs on this checkout's installed packages.
  const lock = (dir: string) => fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8');
  expect(lock(previous)).toBe(lock(root));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(previous, 'node_modules'));
  cluster = await startCluster('upgrade', previous);
}, 600_000);
afterAll(async () => {
  await cluster?.stop();
  if (previous) execFileSync('git', ['worktree', 'remove', '--force', previous], { cwd: root, stdio: 'pipe' });
});

/** The same call again while the instance answering it is being replaced (502/503, a dropped connection). */
async function reliably(method: string, p: string, token: string, body?: unknown, key = '') {
  for (const end = Date.now() + 120_000; Date.now() < end; await sleep(500)) {
    try {
      const r = await call(cluster.lb, method, p, token, body, key ? { 'idempotency-key': key } : {});
      const busy = r.status === 409 && r.retryAfter != null;
      if (![502, 503, 504].includes(r.status) && !busy) return r;
    } catch {
      // the connection dropped with the instance
    }
  }
  throw new Error(`${method} ${p} never answered`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM (a graceful stop, as `systemctl restart` sends it); the supervisor starts it again from the release. */
async function restart(part: string): Promise<number> {
  const at = Date.now();
  const pid = cluster.pids()[part];
  process.kill(pid, 'SIGTERM');
  while (cluster.pids()[part] === pid) await sleep(200);
  await sleep(3_000); // listening again
  return Date.now() - at;
}

it('R-RECORD-1 R-INTEGRATE-2 workers and services move to the next build one at a time; running requests keep replaying', async () => {
  const connection = await Connection.connect({ address: cluster.temporal });
  const client = new Client({ connection });
  /** Whether the suggestion took the new build's path: its patch marker, once it waits for its review. */
  const onNewPath = async (no: string) => {
    for (;;) {
      const events = (await client.workflow.getHandle(suggestionWorkflowId(no)).fetchHistory()).events!;
      if (events.some((e) => e.timerStartedEventAttributes))
        return events.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch');
      await sleep(200);
    }
  };
  const agent = await issueToken(secret, { role: 'agent', id: 'agent-upgrade' });
  const quality = await issueToken(secret, { role: 'quality', id: 'qa-upgrade' });
  const run = Date.now();
  const requests: string[] = [];
  const suggestions: string[] = [];
  const takeIn = async (tag: string, n: number) => {
    for (let i = 0; i < n; i++) {
      const r = await reliably('POST', '/requests', agent, intakeBody(), `upgrade-${run}-${tag}-${i}`);
      expect([200, 201]).toContain(r.status);
      requests.push(r.body.requestNo);
      const body = { customerId: 'CUST-001', channel: 'hotline', topic: 'service', text: `upgrade ${tag} ${i}` };
      const s = await reliably('POST', '/suggestions', agent, body, `upgrade-${run}-${tag}-s${i}`);
      expect([200, 201]).toContain(s.status);
      suggestions.push(s.body.suggestionNo);
    }
  };
  await takeIn('previous', 6);
  const oldWorkers = [cluster.pids()['worker-1'], cluster.pids()['worker-2']];
  const took: string[] = [];
  const parts = ['worker-1', 'worker-2', 'services-1', 'services-2'];
  fs.writeFileSync(path.join(cluster.dir, 'data', 'release'), root); // the next build
  const review = (no: string) =>
    reliably('POST', `/suggestions/${no}/review`, quality, { decision: 'noted', response: 'kept for planning' });
  const reviewed: string[] = [];
  let mixedOnNewPath = 0;
  for (const [i, part] of parts.entries()) {
    took.push(`${part} ${((await restart(part)) / 1000).toFixed(1)} s`);
    await takeIn(`during-${i}`, 3); // with a mixed fleet: each part's old and new builds both at work
    if (part !== 'worker-1') continue;
    // The new worker-1 polls once its workflow bundle is built: until then the old worker-2 takes everything.
    for (let k = 0; k < 20 && !(await onNewPath(suggestions.at(-1)!)); k++) await takeIn(`mixed-${k}`, 1);
    expect(await onNewPath(suggestions.at(-1)!)).toBe(true);
    // The hazard, forced: while the new worker-1 restarts, only the old worker-2 polls, so the next task of a
    // suggestion that took the new path reaches the old build. Reviewed then, before worker-2 is upgraded.
    const pid = cluster.pids()['worker-1'];
    process.kill(pid, 'SIGTERM');
    while (alive(pid)) await sleep(100);
    const mixed = suggestions.slice(-3);
    for (const no of mixed) if (await onNewPath(no)) mixedOnNewPath++;
    const answers = await Promise.all(mixed.map(review));
    for (const a of answers) expect(a.status).toBe(200);
    reviewed.push(...mixed);
    while (cluster.pids()['worker-1'] === pid) await sleep(200);
  }
  for (const part of parts)
    expect(fs.readFileSync(path.join(cluster.dir, 'data', 'logs', `${part}.log`), 'utf8')).toContain(`from ${root}\n`);

  // Every request and suggestion, whichever build took it in, goes on to its next steps on the new build.
  for (const no of requests) {
    let view: any;
    for (let i = 0; i < 100 && view?.status !== 'offered'; i++, await sleep(300))
      view = (await reliably('GET', `/requests/${no}`, agent)).body;
    const engineer = await issueToken(secret, { role: 'engineer', id: view.offer.engineerId });
    expect((await reliably('POST', `/requests/${no}/offer/accept`, engineer, {}, `acc-${no}`)).status).toBe(200);
    const slot = benchAppointment();
    expect((await reliably('POST', `/requests/${no}/appointment`, engineer, slot, `appt-${no}`)).status).toBe(200);
  }
  for (const no of suggestions.filter((n) => !reviewed.includes(n))) expect((await review(no)).status).toBe(200);

  // A workflow task fails only where a run that took the new path met the old build (the forced case above):
  // the old code refuses the new patch marker (TMPRL1100), the task is retried and completes on a new worker.
  const failures: string[] = [];
  let healMs = 0;
  let histories = 0;
  let crossed = 0; // runs whose workflow tasks both builds completed
  let patchedRuns = 0; // runs that took the new build's path (a patch marker)
  const isOld = (identity?: string | null) => oldWorkers.some((pid) => identity?.startsWith(`${pid}@`));
  const ms = (e: { eventTime?: { seconds?: unknown; nanos?: number | null } | null }) =>
    Number(e.eventTime!.seconds) * 1000 + (e.eventTime!.nanos ?? 0) / 1e6;
  for await (const w of client.workflow.list({ query: 'WorkflowType IN ("serviceRequest", "suggestion")' })) {
    const events = (await client.workflow.getHandle(w.workflowId, w.runId).fetchHistory()).events!;
    const by = events.map((e) => e.workflowTaskCompletedEventAttributes?.identity).filter(Boolean);
    if (by.some(isOld) && by.some((i) => !isOld(i))) crossed++;
    if (events.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')) patchedRuns++;
    for (const [i, e] of events.entries()) {
      const f = e.workflowTaskFailedEventAttributes;
      if (!f) continue;
      failures.push(`${w.workflowId}: ${isOld(f.identity) ? 'old' : 'new'} build: ${f.failure?.message}`);
      const healed = events.slice(i).find((x) => x.workflowTaskCompletedEventAttributes);
      expect(isOld(healed?.workflowTaskCompletedEventAttributes?.identity)).toBe(false);
      healMs = Math.max(healMs, ms(healed!) - ms(e));
    }
    histories++;
  }
  await connection.close();
  expect(histories).toBeGreaterThanOrEqual(requests.length + suggestions.length);
  for (const f of failures) expect(f).toMatch(/^suggestion:SG-.*: old build: .*TMPRL1100.*suggestion-kpis/);
  expect(failures.length).toBeLessThanOrEqual(mixedOnNewPath);
  console.log(
    `upgrade from ${PREVIOUS}: ${requests.length} requests and ${suggestions.length} suggestions, restarts ` +
      `${took.join(', ')}; ${histories} histories, ${crossed} ran on both builds, ${patchedRuns} took the new ` +
      `path; ${failures.length} workflow tasks failed (${mixedOnNewPath} runs on the new path forced onto the old ` +
      `build), each completed on a new worker within ${(healMs / 1000).toFixed(1)} s`,
  );
}, 900_000);
