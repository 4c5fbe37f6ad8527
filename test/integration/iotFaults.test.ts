/**
 * IoT fault reports (R-INTAKE-1, R-INTEGRATE-3): monitoring reports a unit's fault; the first report opens
 * a request, later ones (however many arrive at once) join that request's history as readings, and the
 * same message twice counts once. Once the request is past its visits, the fault coming back opens a new one.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { iotWatchWorkflowId } from '../../shared/iot/messages';
import { eventually, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('iot');
}, 120_000);
afterAll(async () => api?.close());

const run = Date.now().toString(36).toUpperCase(); // fault codes of this run: watches of earlier runs stay apart
const report = (faultCode: string, messageId: string, over: Record<string, unknown> = {}) => ({
  messageId,
  serialNumber: 'UPS-2021-0420',
  faultCode,
  severity: 'critical',
  observedAt: new Date().toISOString(),
  readings: { batteryVoltage: 11.2, onBattery: true },
  ...over,
});
const readingsOf = async (requestNo: string, count: number) =>
  (
    await eventually(
      () => api.call('GET', `/requests/${requestNo}`, api.tok.agent),
      (r) => r.body.history?.filter((e: { action: string }) => e.action === 'fault_reading').length >= count,
      `${count} readings on ${requestNo}`,
    )
  ).body;

describe('IoT fault reports', () => {
  it('R-INTAKE-1 concurrent reports of one fault open exactly one request and join it as readings', async () => {
    const code = `BAT-${run}`;
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) => api.call('POST', '/iot/fault-reports', api.tok.service, report(code, `m-${n}`))),
    );
    const requestNos = new Set(answers.map((a) => a.body.requestNo));
    expect(requestNos.size).toBe(1);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(answers.filter((a) => a.body.created)).toHaveLength(1);
    const [requestNo] = [...requestNos];
    expect(answers[0].body).toMatchObject({
      workflowId: `service-request:${requestNo}`,
      watchId: iotWatchWorkflowId('UPS-2021-0420', code),
    });

    const view = await readingsOf(requestNo, 6);
    expect(view.intake).toMatchObject({
      channel: 'iot',
      urgency: 'urgent', // critical
      customerId: 'CUST-002',
      siteAddress: 'Data centre B2, 88 Jianguo Road, Beijing', // from the unit's master data
      fault: { faultCode: code },
    });
    const readings = view.history.filter((e: { action: string }) => e.action === 'fault_reading');
    expect(readings.map((e: { detail: { messageId: string } }) => e.detail.messageId).sort()).toEqual([
      'm-1',
      'm-2',
      'm-3',
      'm-4',
      'm-5',
      'm-6',
    ]);
    expect(readings[0]).toMatchObject({ actor: { role: 'service' }, detail: { readings: { batteryVoltage: 11.2 } } });

    // The same message again: the first answer, and no second reading.
    const again = await api.call('POST', '/iot/fault-reports', api.tok.service, report(code, 'm-3'));
    expect(again).toEqual(answers[2]);
    const other = await api.call('POST', '/iot/fault-reports', api.tok.service, report(code, 'm-7'));
    expect(other.body).toMatchObject({ requestNo, created: false });
    expect((await readingsOf(requestNo, 7)).history.filter((e: any) => e.action === 'fault_reading')).toHaveLength(7);

    // Another fault of the same unit is another request.
    const second = await api.call('POST', '/iot/fault-reports', api.tok.service, report(`FAN-${run}`, 'f-1'));
    expect(second).toMatchObject({ status: 201, body: { created: true } });
    expect(second.body.requestNo).not.toBe(requestNo);
    await api.call('POST', `/requests/${second.body.requestNo}/cancel`, api.tok.agent, { reason: 'test over' });

    // Once the request is over, the fault coming back opens a new request.
    await api.call('POST', `/requests/${requestNo}/cancel`, api.tok.agent, { reason: 'replaced the battery by phone' });
    await eventually(
      () => api.models.ServiceRequest.findById(requestNo).lean(),
      (r) => r?.status === 'cancelled',
      'cancelled in the read model',
    );
    const back = await api.call('POST', '/iot/fault-reports', api.tok.service, report(code, 'm-8'));
    expect(back).toMatchObject({ status: 201, body: { created: true } });
    expect(back.body.requestNo).not.toBe(requestNo);
    await api.call('POST', `/requests/${back.body.requestNo}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-INTEGRATE-3 a bad report is refused with the reason and starts nothing', async () => {
    const code = `BAD-${run}`;
    const refused = async (body: unknown, token = api.tok.service) =>
      api.call('POST', '/iot/fault-reports', token, body);
    expect(await refused(report(code, 'b-1', { serialNumber: 'NO-SUCH-UNIT' }))).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('no unit with serial number NO-SUCH-UNIT') },
    });
    expect((await refused(report('no spaces allowed', 'b-2'))).status).toBe(400);
    expect((await refused(report(code, 'b-3', { severity: 'apocalyptic' }))).status).toBe(400);
    expect((await refused(report(code, 'b-4', { readings: { 'bad name!': 1 } }))).status).toBe(400);
    // A unit with no site address on file needs one in the report (the demo world gives every unit one).
    await api.models.Unit.updateOne({ _id: 'SWH-2019-0777' }, { $unset: { siteAddress: 1 } });
    expect(await refused(report(code, 'b-5', { serialNumber: 'SWH-2019-0777' }))).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('body.siteAddress') },
    });
    expect((await refused(report(code, 'b-6'), api.tok.agent)).status).toBe(403);
    for (const serial of ['NO-SUCH-UNIT', 'UPS-2021-0420', 'SWH-2019-0777']) {
      await expect(api.client.workflow.getHandle(iotWatchWorkflowId(serial, code)).describe()).rejects.toBeInstanceOf(
        WorkflowNotFoundError,
      );
    }
  });
});
