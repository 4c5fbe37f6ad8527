/**
 * The cluster profile (`npm run start:cluster`, cluster issue items 1–2): the Temporal Server on
 * PostgreSQL, two workers, two services instances behind HAProxy, FerretDB on PostgreSQL. Correct with
 * several instances: a request taken in by one instance is read, listed and complained about through the
 * other at once; one Idempotency-Key sent to both instances at once makes one request; a session made on
 * one instance works on the other; with two workers each notification goes out once.
 * `npm run test:cluster` (not in `npm test`: it builds the Temporal Server the first time).
 */
import fs from 'node:fs';
import path from 'node:path';
import { issueToken } from '../../shared/runtime/auth';
import { loadConfig } from '../../shared/runtime/config';
import { intakeBody } from '../setup/env';
import { call, startCluster, type Cluster } from './harness';

let cluster: Cluster;
let lb: number;
let dir: string;
const secret = loadConfig().authSecret;

beforeAll(async () => {
  cluster = await startCluster('cluster');
  ({ lb, dir } = cluster);
}, 600_000);
afterAll(() => cluster?.stop());

it('R-INTEGRATE-2 one instance takes a request in; the other reads, lists and takes a complaint about it at once', async () => {
  const agent = await issueToken(secret, { role: 'agent', id: 'agent-1' });
  const made = await call(lb + 1, 'POST', '/requests', agent, intakeBody());
  expect(made.status).toBe(201);
  const no = made.body.requestNo as string;
  const [read, complaint] = await Promise.all([
    call(lb + 2, 'GET', `/requests/${no}`, agent),
    call(lb + 2, 'POST', '/complaints', agent, {
      channel: 'hotline',
      category: 'service_quality',
      customerId: 'CUST-001',
      contactName: 'Li Wei',
      contactPhone: '+86 21 5555 0101',
      description: 'nobody has called back yet',
      relatedRequestNos: [no],
    }),
  ]);
  expect(read).toMatchObject({ status: 200, body: { requestNo: no } });
  expect(complaint.status).toBe(201);
  const listed = await call(lb, 'GET', `/requests?customerId=CUST-001&limit=50`, agent);
  expect(listed.status).toBe(200);
});

it('R-INTEGRATE-2 one Idempotency-Key sent to both instances at once makes one request', async () => {
  const agent = await issueToken(secret, { role: 'agent', id: 'agent-1' });
  const key = `cluster-${Date.now()}`;
  const body = intakeBody({ fault: { symptoms: 'sent twice by a retrying client' } });
  const answers = await Promise.all(
    [lb + 1, lb + 2, lb].map((port) => call(port, 'POST', '/requests', agent, body, { 'idempotency-key': key })),
  );
  const numbers = new Set(answers.map((a) => a.body.requestNo));
  expect(answers.map((a) => a.status).every((s) => s === 201 || s === 200)).toBe(true);
  expect(numbers.size).toBe(1);
});

it('R-ACCESS-1 a session made on one instance works on the other; with two workers each mail goes out once', async () => {
  const accounts = JSON.parse(fs.readFileSync(path.join(dir, 'data', 'demo-accounts.json'), 'utf8')) as {
    username: string;
    password: string;
    role: string;
  }[];
  const dispatcher = accounts.find((a) => a.role === 'dispatcher')!;
  const signIn = await fetch(`http://127.0.0.1:${lb + 1}/app/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: dispatcher.username, password: dispatcher.password }).toString(),
    redirect: 'manual',
  });
  expect(signIn.status).toBe(303);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
  const board = await fetch(`http://127.0.0.1:${lb + 2}/app/board`, { headers: { cookie }, redirect: 'manual' });
  expect(board.status).toBe(200);

  const agent = await issueToken(secret, { role: 'agent', id: 'agent-1' });
  const no = (await call(lb, 'POST', '/requests', agent, intakeBody())).body.requestNo as string;
  const mailDir = path.join(dir, 'data', 'mail');
  const about = () =>
    fs.existsSync(mailDir)
      ? fs.readdirSync(mailDir).filter((f) => fs.readFileSync(path.join(mailDir, f), 'utf8').includes(no))
      : [];
  for (let i = 0; i < 100 && about().length < 2; i++) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 3_000)); // a second copy would come within the loops' period
  const subjects = about().map((f) => /^Subject: (.*)$/m.exec(fs.readFileSync(path.join(mailDir, f), 'utf8'))?.[1]);
  expect(subjects.length).toBeGreaterThanOrEqual(2); // the customer's acknowledgement and the engineer's offer
  expect(new Set(subjects).size).toBe(subjects.length);
});
