/**
 * Certifications over HTTP (R-CERT-1): an admin records them with their expiry; a dispatcher's manual
 * assignment of an engineer without a valid one needs its own reason and is flagged to the supervisor; the
 * daily reminder schedule exists once per task queue.
 */
import { certificationScheduleId, ensureCertificationSchedule } from '../../services/dispatch/certificationSchedule';
import { eventually, openRequest, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('certifications-http');
}, 120_000);
afterAll(async () => api?.close());

const UPS = { serialNumber: 'UPS-2021-0420', customerId: 'CUST-002', region: 'east' };

it('R-CERT-1 assigning an engineer without a valid certification needs a reason of its own and is flagged', async () => {
  const no = await openRequest(api, 'ENG-003', UPS);
  const state = async () => (await api.call('GET', `/requests/${no}`, api.tok.dispatcher)).body;
  expect((await state()).notOffered).toEqual([
    { engineerId: 'ENG-001', name: 'Chen Hao', reason: 'no certification for ups' },
  ]);

  const plain = { engineerId: 'ENG-001', reason: 'closest to the site' };
  const refused = await api.call('POST', `/requests/${no}/assign`, api.tok.dispatcher, plain);
  expect(refused.status).toBe(409);
  expect(refused.body.error).toBe(
    'engineer ENG-001 holds no valid certification the work needs (no certification for ups); to assign anyway, say why in uncertifiedReason',
  );
  expect(await state()).toMatchObject({ status: 'offered', offer: { engineerId: 'ENG-003' } }); // nothing changed

  const waived = await api.call('POST', `/requests/${no}/assign`, api.tok.dispatcher, {
    ...plain,
    uncertifiedReason: 'certified colleague on site supervises',
  });
  expect(waived.status).toBe(200);
  const v = await state();
  expect(v).toMatchObject({
    engineerId: 'ENG-001',
    uncertifiedAssignment: {
      engineerId: 'ENG-001',
      by: 'disp-1',
      reason: 'no certification for ups: certified colleague on site supervises',
    },
  });
  await eventually(
    () =>
      api.models.Outbox.find({ requestNo: no, template: 'uncertified_assignment' })
        .comment('scan: a test looks')
        .lean(),
    (rows) => rows.length === 1 && rows[0].to === 'supervisor',
    'the supervisor is told',
  );
  // A validly certified engineer needs no such reason.
  expect(
    (
      await api.call('POST', `/requests/${no}/assign`, api.tok.dispatcher, {
        engineerId: 'ENG-003',
        reason: 'back to Liu',
      })
    ).status,
  ).toBe(200);
});

it('R-CERT-1 an admin records certifications with their expiry; a date that is not one is refused', async () => {
  const put = (certifications: unknown) =>
    api.call('PUT', '/admin/engineers/ENG-001', api.tok.admin, { certifications });
  const ok = await put([
    'solar-water-heater',
    { productLine: 'ups', name: '低压电工作业证', validUntil: '2027-06-30' },
  ]);
  expect(ok.status).toBe(200);
  expect((await api.models.Engineer.findById('ENG-001').lean())!.certifications).toEqual([
    'solar-water-heater',
    { productLine: 'ups', name: '低压电工作业证', validUntil: '2027-06-30' },
  ]);
  const bad = await put([{ productLine: 'ups', validUntil: 'soon' }]);
  expect(bad.status).toBe(400);
  expect(bad.body.error).toMatch(/certifications/);
  // Now certified, ENG-001 is offered UPS work like ENG-003.
  const no = await openRequest(api, undefined, UPS);
  expect((await api.call('GET', `/requests/${no}`, api.tok.dispatcher)).body.notOffered).toBeUndefined();
});

it('R-CERT-1 the daily reminder schedule is made once per task queue', async () => {
  await ensureCertificationSchedule(api.client, api.config.taskQueue);
  await ensureCertificationSchedule(api.client, api.config.taskQueue); // a second start changes nothing
  const d = await api.client.schedule.getHandle(certificationScheduleId(api.config.taskQueue)).describe();
  expect(d.action).toMatchObject({ workflowType: 'certificationReminders', taskQueue: api.config.taskQueue });
  expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 1, end: 1, step: 1 }] });
  await api.client.schedule.getHandle(certificationScheduleId(api.config.taskQueue)).delete();
});
