/**
 * The Temporal UI explains itself (R-INTEGRATE-1): against the real dev server (the time-skipping
 * server drops metadata), a request's workflow carries a static summary and details, keeps its current
 * details up to date, and its timers and activities say what they are for.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { intakeBody } from '../setup/env';
import { eventually, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('ui');
}, 120_000);
afterAll(async () => api?.close());

const summaries = (
  events: temporal.api.history.v1.IHistoryEvent[],
  pick: (e: temporal.api.history.v1.IHistoryEvent) => unknown,
) =>
  events
    .filter((e) => pick(e) && e.userMetadata?.summary)
    .map((e) => defaultPayloadConverter.fromPayload<string>(e.userMetadata!.summary!));

describe('the Temporal UI', () => {
  it('R-INTEGRATE-1 a request shows its summary, details, current state, and what each timer and activity is for', async () => {
    const { requestNo } = (await api.call('POST', '/requests', api.tok.agent, intakeBody())).body;
    const handle = api.client.workflow.getHandle(serviceRequestWorkflowId(requestNo));
    await eventually(
      () => api.models.ServiceRequest.findById(requestNo).lean(),
      (d) => d?.status === 'offered',
      'offer',
    );

    const described = await handle.describe();
    expect(await described.staticSummary()).toBe(`${requestNo} · fault_repair · important · Li Wei · east`);
    const details = await described.staticDetails();
    expect(details).toContain('**unit** SWH-2025-0001');
    expect(details).toContain('**fault** no hot water since yesterday');

    const metadata = await eventually(
      () => handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata'),
      (m) => !!m.currentDetails?.includes('**offered**'),
      'current details',
    );
    expect(metadata.currentDetails).toContain('engineer ENG-001');
    expect(metadata.currentDetails).toMatch(/entitlement: free/);

    const events = (await handle.fetchHistory()).events!;
    const timers = summaries(events, (e) => e.timerStartedEventAttributes);
    expect(timers).toEqual(expect.arrayContaining(['offer to ENG-001 expires']));
    expect(timers.some((t) => t.startsWith('SLA clocks: next warning, breach or escalation'))).toBe(true);
    const activities = summaries(events, (e) => e.activityTaskScheduledEventAttributes);
    expect(activities.some((a) => /^publish step \d+: /.test(a))).toBe(true);
    await api.call('POST', `/requests/${requestNo}/cancel`, api.tok.agent, { reason: 'test over' });
  });
});
