/**
 * Recurrence over HTTP (R-FOLLOW-3): the fault of a finished paid repair comes back. A linked request
 * opens from the customer's link or from the follow-up call, copying everything but what is new; within
 * the warranty on the earlier work it is free although the unit's own warranty has ended, and the
 * earlier request records that its fix did not hold.
 */
import { issueToken } from '../../shared/runtime/auth';
import { intakeBody } from '../setup/env';
import { signedOffFreeRepair } from '../setup/journeys';
import { eventually, openRequest, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('recurrence');
  // The follow-up falls due moments after sign-off, so the test can record it.
  await api.models.Policy.updateOne({ _id: 'service' }, { $set: { followUpDelayMs: 300 } });
}, 120_000);
afterAll(async () => api?.close());

const HOUR = 3_600_000;
const call = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
  Object.keys(headers).length
    ? fetch(api.base + path, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))
    : api.call(method, path, token, body);
const view = (no: string) => call('GET', `/requests/${no}`, api.tok.dispatcher).then((r) => r.body);
const until = (no: string, ok: (v: any) => boolean, what: string) => eventually(() => view(no), ok, what);
const PAID = { customerId: 'CUST-003', serialNumber: 'SWH-2019-0777', region: 'north', contactName: 'Zhang Min' };

/** A paid sensor repair (unit out of warranty) done, approved and signed off through the customer's link. */
async function signedOffPaidRepair() {
  const created = await call(
    'POST',
    '/requests',
    api.tok.agent,
    intakeBody({ ...PAID, siteAddress: '7 Elm Rd, Harbin' }),
  );
  const no = created.body.requestNo as string;
  const link = new URL(created.body.customerLink).searchParams.get('token')!;
  const eng = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-004' });
  await until(no, (v) => v.status === 'offered' && v.offer?.engineerId === 'ENG-004', 'offer');
  await call('POST', `/requests/${no}/offer/accept`, eng);
  await call('POST', `/requests/${no}/appointment`, eng, {
    windowStart: new Date(Date.now() + HOUR).toISOString(),
    windowEnd: new Date(Date.now() + 3 * HOUR).toISOString(),
    estimatedDurationMinutes: 60,
    customerConsent: true,
    chargingPolicyExplained: true,
  });
  await call('POST', `/requests/${no}/check-in`, eng, { identityShown: true });
  await call('POST', `/requests/${no}/diagnosis`, eng, {
    faultConfirmedWithCustomer: true,
    faultClass: 'hardware',
    findings: 'sensor open circuit',
  });
  const lines = [
    { code: 'P-SWH-SENSOR', quantity: 1 },
    { code: 'LABOUR-STANDARD', quantity: 1.5 },
  ];
  await call('POST', `/requests/${no}/quotation`, eng, { lines });
  await call('POST', `/requests/${no}/quotation/approve`, link, {
    version: 1,
    totalMinor: 36_000,
    signedBy: 'Zhang Min',
  });
  await call('POST', `/requests/${no}/work`, eng, {
    actions: 'replaced sensor',
    functionalTestPassed: true,
    demonstratedToCustomer: true,
    cleanedUp: true,
    advice: 'descale yearly',
  });
  const signed = await call('POST', `/requests/${no}/sign-off`, link, { signedBy: 'Zhang Min', satisfied: true });
  expect(signed.body.status).toBe('awaiting_follow_up');
  return { no, link };
}

describe('recurrence', () => {
  it('R-FOLLOW-3 R-RECORD-3 the fault of a closed request comes back: the earlier request records firstTimeFix false', async () => {
    const { no } = await signedOffFreeRepair(api);
    await until(no, (v) => v.status === 'follow_up_due', 'follow-up due');
    const happy = { punctuality: 9, attitude: 9, resolution: 9, overall: 9 };
    expect((await call('POST', `/requests/${no}/follow-up`, api.tok.agent, happy)).status).toBe(200);
    // Closed and archived: its workflow has ended, so the later request cannot tell it by a signal.
    await until(no, (v) => v.status === 'closed' && v.firstTimeFix !== false, 'closed');
    await eventually(
      () =>
        api.client.workflow
          .getHandle(`service-request:${no}`)
          .describe()
          .then((d) => d.status.name),
      (s) => s === 'COMPLETED',
      'workflow ended',
    );
    const back = await call('POST', `/requests/${no}/recurrence`, api.tok.agent, { symptoms: 'cold again' });
    expect(back.status).toBe(201);
    const earlier = await until(no, (v) => v.firstTimeFix === false, 'fix taken back');
    expect(earlier.recurrences).toEqual([back.body.requestNo]);
    const row = await eventually(
      () => api.models.ServiceRequest.findById(no, { firstTimeFix: 1 }).lean(),
      (r) => r?.firstTimeFix === false,
      'read model row',
    );
    expect(row?.firstTimeFix).toBe(false);
    await call('POST', `/requests/${back.body.requestNo}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-FOLLOW-3 the customer reports the fault back: a linked request copies the rest, free within the work warranty', async () => {
    const { no, link } = await signedOffPaidRepair();
    const open = await openRequest(api);
    expect(await call('POST', `/requests/${open}/recurrence`, api.tok.agent, { symptoms: 'again' })).toMatchObject({
      status: 409,
      body: { error: expect.stringContaining('is still open') },
    });
    expect((await call('POST', `/requests/${no}/recurrence`, api.tok.agent, {})).status).toBe(400);
    expect((await call('POST', `/requests/${no}/recurrence`, api.tok.eng1, { symptoms: 'again' })).status).toBe(403);

    const back = await call('POST', `/requests/${no}/recurrence?token=${link}`, undefined, {
      symptoms: 'no hot water again after three weeks',
    });
    expect(back).toMatchObject({ status: 201, body: { recurrenceOf: no, status: 'received' } });
    const later = await until(back.body.requestNo, (v) => !!v.entitlement, 'entitlement decided');
    expect(later.intake).toMatchObject({
      customerId: 'CUST-003',
      serialNumber: 'SWH-2019-0777',
      siteAddress: '7 Elm Rd, Harbin',
      contactName: 'Zhang Min',
      channel: 'web',
      fault: { symptoms: 'no hot water again after three weeks' },
    });
    expect(later.recurrenceOf).toMatchObject({ requestNo: no, originalSymptoms: 'no hot water since yesterday' });
    expect(later.recurrenceOf.partsUnderWarranty.map((p: { code: string }) => p.code)).toEqual(['P-SWH-SENSOR']);
    // The unit's warranty ended years ago; the earlier work's warranty still runs.
    expect(later.entitlement).toBe('free');
    expect(later.entitlementReason).toContain(`within the warranty on the work of ${no}`);

    const earlier = await until(no, (v) => v.firstTimeFix === false, 'fix did not hold');
    expect(earlier.recurrences).toEqual([back.body.requestNo]);
    expect(earlier.history.find((e: { action: string }) => e.action === 'fix_did_not_hold').detail).toMatchObject({
      recurrence: back.body.requestNo,
    });
    const row = await eventually(
      () => api.models.ServiceRequest.findById(back.body.requestNo).lean(),
      (r) => r?.recurrenceOf === no,
      'read model link',
    );
    expect(row?.recurrenceOf).toBe(no);
    await call('POST', `/requests/${back.body.requestNo}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-FOLLOW-3 a follow-up that reports the fault back opens one linked request, however often it is retried', async () => {
    const { no } = await signedOffPaidRepair();
    await until(no, (v) => v.status === 'follow_up_due', 'follow-up due');
    const followUp = {
      punctuality: 9,
      attitude: 9,
      resolution: 4,
      overall: 6,
      reason: 'the water is cold again',
      faultBack: { symptoms: 'water lukewarm at most since Monday' },
    };
    const first = await call('POST', `/requests/${no}/follow-up`, api.tok.agent, followUp, {
      'Idempotency-Key': 'fu-1',
    });
    expect(first).toMatchObject({ status: 200, body: { recurrence: { recurrenceOf: no } } });
    const again = await call('POST', `/requests/${no}/follow-up`, api.tok.agent, followUp, {
      'Idempotency-Key': 'fu-1',
    });
    expect(again.body.recurrence.requestNo).toBe(first.body.recurrence.requestNo);
    const later = await until(first.body.recurrence.requestNo, (v) => !!v.entitlement, 'entitlement decided');
    expect(later).toMatchObject({ entitlement: 'free', recurrenceOf: { requestNo: no } });
    expect(later.intake.fault.symptoms).toBe('water lukewarm at most since Monday');
    await call('POST', `/requests/${later.requestNo}/cancel`, api.tok.agent, { reason: 'test over' });
  });
});
