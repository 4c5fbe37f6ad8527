/**
 * Improvement actions over HTTP (R-FOLLOW-2): opened by hand (idempotent), listed and filtered, moved by
 * their owner, verified by quality staff; refusals name the reason and change nothing.
 */
import { issueToken } from '../../shared/runtime/auth';
import { eventually, startApi, type Api } from '../setup/apiHarness';

let api: Api;
let quality: string;
beforeAll(async () => {
  api = await startApi('improvement');
  quality = await issueToken(api.config.authSecret, { role: 'quality', id: 'qa-1' });
}, 120_000);
afterAll(async () => api?.close());

const open = (token: string, body: Record<string, unknown>, key?: string) =>
  fetch(`${api.base}/improvement-actions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
const ACTION = {
  source: 'manual',
  title: 'Call ahead before every visit',
  description: 'three complaints about unannounced arrivals',
  ownerId: 'disp-1',
  ownerEmail: 'supervisor.east@example.test',
};

describe('improvement actions over HTTP', () => {
  it('R-FOLLOW-2 opened by hand once per key, listed by owner, progressed by its owner and verified by quality', async () => {
    const first = await open(quality, ACTION, 'ia-key-1');
    expect(first).toMatchObject({ status: 201, body: { status: 'open' } });
    const { actionId } = first.body;
    expect(await open(quality, ACTION, 'ia-key-1')).toMatchObject({ status: 200, body: { actionId } });
    expect(Date.parse(first.body.dueAt) - Date.now()).toBeGreaterThan(13 * 86_400_000); // policy: 14 days

    const listed = await eventually(
      () => api.call('GET', '/improvement-actions?owner=disp-1&status=open', api.tok.dispatcher),
      (r) => r.body.items?.some((a: { actionId: string }) => a.actionId === actionId),
      'listed',
    );
    expect(listed.body.items.find((a: { actionId: string }) => a.actionId === actionId)).toMatchObject({
      source: 'manual',
      overdue: false,
    });
    expect((await api.call('GET', '/improvement-actions?overdue=true', api.tok.dispatcher)).body.items).toEqual([]);

    const path = `/improvement-actions/${actionId}`;
    // Least privilege: an engineer or support sees only the actions they own.
    expect((await api.call('GET', path, api.tok.eng1)).status).toBe(403);
    expect((await api.call('GET', '/improvement-actions?owner=disp-1', api.tok.support)).status).toBe(403);
    const engineers = await api.call('GET', '/improvement-actions', api.tok.eng1);
    expect(engineers.body.items.some((a: { actionId: string }) => a.actionId === actionId)).toBe(false);
    expect((await api.call('POST', `${path}/start`, api.tok.eng1, {})).status).toBe(403); // not the owner
    expect((await api.call('POST', `${path}/verify`, quality, {})).status).toBe(409); // not done yet
    expect((await api.call('POST', `${path}/done`, api.tok.dispatcher, {})).status).toBe(400); // no outcome
    expect(await api.call('POST', `${path}/start`, api.tok.dispatcher, { note: 'briefing on Monday' })).toMatchObject({
      status: 200,
      body: { actionId, status: 'in_progress' },
    });
    await api.call('POST', `${path}/done`, api.tok.dispatcher, { outcome: 'call-ahead is on the checklist' });
    expect((await api.call('POST', `${path}/verify`, api.tok.dispatcher, {})).status).toBe(403); // role
    expect((await api.call('POST', `${path}/verify`, quality, { note: 'adopted' })).body.status).toBe('verified');
    expect(await api.call('POST', `${path}/reject`, quality, { reason: 'too late' })).toMatchObject({
      status: 409,
    });
    const view = await api.call('GET', path, api.tok.agent);
    expect(view.body.history.map((e: { action: string }) => e.action)).toEqual([
      'opened',
      'started',
      'done',
      'verified',
    ]);
  });

  it('R-FOLLOW-2 bad input is refused with the reason and opens nothing', async () => {
    expect((await open(api.tok.agent, ACTION)).status).toBe(403);
    expect(await open(quality, { ...ACTION, source: 'inspection' })).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('body.sourceRef') },
    });
    expect(await open(quality, { ...ACTION, source: 'inspection', sourceRef: 'TRIP-X-I9' })).toMatchObject({
      status: 400,
      body: { error: 'body.sourceRef: no quality inspection TRIP-X-I9' },
    });
    expect((await open(quality, { ...ACTION, source: 'follow_up' })).status).toBe(400);
    expect((await open(quality, { ...ACTION, dueInDays: 0 })).status).toBe(400);
    expect((await api.call('GET', '/improvement-actions/IA-M-NOPE0000', api.tok.agent)).status).toBe(404);
    expect((await api.call('GET', '/improvement-actions/bad id', api.tok.agent)).status).toBe(400);
    expect((await api.call('GET', '/improvement-actions?status=lost', api.tok.agent)).status).toBe(400);
  });

  it('R-RECORD-1 R-FOLLOW-2 an action whose workflow has left Temporal is still read, history included', async () => {
    await api.models.ImprovementAction.create({
      _id: 'IA-M-OLD0000001',
      actionId: 'IA-M-OLD0000001',
      version: 5,
      status: 'verified',
      ownerId: 'disp-1',
      history: [{ seq: 1, at: '2024-01-01T08:00:00.000Z', action: 'opened', actor: { role: 'quality', id: 'qa-1' } }],
    });
    const read = await api.call('GET', '/improvement-actions/IA-M-OLD0000001', api.tok.agent);
    expect(read).toMatchObject({
      status: 200,
      body: { actionId: 'IA-M-OLD0000001', status: 'verified', history: [{ action: 'opened' }] },
    });
  });
});
