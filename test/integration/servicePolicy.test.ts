/**
 * The service policy as versioned data (desks issue, admin): read with every version, a new version
 * published by an admin, bad values refused naming the field, and only new requests see the change.
 */
import { createIntakeActivities } from '../../activities/serviceRequest/intake';
import { startApi, type Api } from '../setup/apiHarness';
import { repositoriesOf } from '../../shared/storage/repositories';

let api: Api;
beforeAll(async () => {
  api = await startApi('service-policy');
}, 120_000);
afterAll(async () => api?.close());

const HOUR = 3_600_000;
const policy = (over: Record<string, unknown> = {}) => ({
  followUpDelayMs: 48 * HOUR,
  followUpGraceMs: 24 * HOUR,
  appointmentReminderLeadMs: 24 * HOUR,
  engineerCallLeadMs: 30 * 60_000,
  archiveRetentionDays: 1095,
  quoteReminderMs: 24 * HOUR,
  quoteExpiryMs: 72 * HOUR,
  diagnosisFeeOnDecline: true,
  workWarrantyDays: 180,
  improvementDueDays: 14,
  improvementReminderDays: 2,
  ...over,
});
const loadPolicy = async () =>
  (
    await createIntakeActivities(repositoriesOf(api.models)).loadIntakeContext({
      customerId: 'CUST-001',
      serialNumber: 'SWH-2025-0001',
      region: 'east',
    })
  ).policy;

describe('service policy', () => {
  it('R-DESK-1 R-FOLLOW-1 an admin publishes a new version; new requests copy it; every version is listed', async () => {
    const before = await api.call('GET', '/service-policy', api.tok.admin);
    expect(before.status).toBe(200);
    const v = before.body.version as number;

    const put = await api.call('PUT', '/service-policy', api.tok.admin, policy());
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ version: v + 1, followUpDelayMs: 48 * HOUR, workWarrantyDays: 180 });
    expect(put.body.changedBy).toBe('admin-1');

    const after = (await api.call('GET', '/service-policy', api.tok.admin)).body;
    expect(after.version).toBe(v + 1);
    expect(after.versions.map((x: { version: number }) => x.version)).toEqual(
      Array.from({ length: v + 1 }, (_, i) => i + 1),
    );
    expect(after.versions.at(-1)).toMatchObject({ changedBy: 'admin-1', followUpDelayMs: 48 * HOUR });
    // What a new request copies at intake.
    expect(await loadPolicy()).toMatchObject({ version: v + 1, followUpDelayMs: 48 * HOUR, workWarrantyDays: 180 });
  });

  it('R-DESK-1 a bad policy is 400 naming the field and what is allowed; nothing is written', async () => {
    const v = (await api.call('GET', '/service-policy', api.tok.admin)).body.version;
    const early = await api.call('PUT', '/service-policy', api.tok.admin, policy({ quoteExpiryMs: HOUR }));
    expect(early.status).toBe(400);
    expect(early.body.error).toMatch(/quoteExpiryMs: must be later than quoteReminderMs/);
    const short = await api.call('PUT', '/service-policy', api.tok.admin, policy({ archiveRetentionDays: 30 }));
    expect(short.status).toBe(400);
    expect(short.body.error).toMatch(/archiveRetentionDays/);
    const unknown = await api.call('PUT', '/service-policy', api.tok.admin, policy({ version: 99 }));
    expect(unknown.status).toBe(400);
    expect((await api.call('GET', '/service-policy', api.tok.admin)).body.version).toBe(v);
  });

  it('R-ACCESS-1 only an admin publishes; a dispatcher reads, an agent may not', async () => {
    expect((await api.call('PUT', '/service-policy', api.tok.dispatcher, policy())).status).toBe(403);
    expect((await api.call('GET', '/service-policy', api.tok.dispatcher)).status).toBe(200);
    expect((await api.call('GET', '/service-policy', api.tok.agent)).status).toBe(403);
  });
});
