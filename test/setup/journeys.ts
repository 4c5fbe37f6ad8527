/** Requests taken through their steps over the API, for tests that start later in a request's life. */
import { issueToken } from '../../shared/runtime/auth';
import { eventually, type Api } from './apiHarness';
import { intakeBody } from './env';

const HOUR = 3_600_000;

/** A free warranty repair by ENG-001, signed off through the customer's link: its number and link token. */
export async function signedOffFreeRepair(api: Api): Promise<{ no: string; link: string }> {
  const created = await api.call('POST', '/requests', api.tok.agent, intakeBody());
  const no = created.body.requestNo as string;
  const link = new URL(created.body.customerLink).searchParams.get('token')!;
  const eng = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-001' });
  const view = () => api.call('GET', `/requests/${no}`, api.tok.dispatcher).then((r) => r.body);
  await eventually(view, (v) => v.status === 'offered' && v.offer?.engineerId === 'ENG-001', 'offer');
  const steps: [string, string, Record<string, unknown>][] = [
    ['offer/accept', eng, {}],
    [
      'appointment',
      eng,
      {
        windowStart: new Date(Date.now() + HOUR).toISOString(),
        windowEnd: new Date(Date.now() + 3 * HOUR).toISOString(),
        estimatedDurationMinutes: 60,
        customerConsent: true,
      },
    ],
    ['check-in', eng, { identityShown: true }],
    ['diagnosis', eng, { faultConfirmedWithCustomer: true, faultClass: 'hardware', findings: 'sensor open circuit' }],
    [
      'work',
      eng,
      {
        actions: 'replaced sensor',
        functionalTestPassed: true,
        demonstratedToCustomer: true,
        cleanedUp: true,
        advice: 'check valves monthly',
      },
    ],
    ['sign-off', link, { signedBy: 'Li Wei', satisfied: true }],
  ];
  for (const [step, token, body] of steps) {
    const res = await api.call('POST', `/requests/${no}/${step}`, token, body);
    if (res.status >= 300) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { no, link };
}

/** The engineer accepts the offer and agrees a window an hour from now with the customer: scheduled. */
export async function scheduleVisit(api: Api, no: string, eng: string): Promise<void> {
  for (const [step, body] of [
    ['offer/accept', {}],
    [
      'appointment',
      {
        windowStart: new Date(Date.now() + HOUR).toISOString(),
        windowEnd: new Date(Date.now() + 3 * HOUR).toISOString(),
        estimatedDurationMinutes: 60,
        customerConsent: true,
      },
    ],
  ] as const) {
    const res = await api.call('POST', `/requests/${no}/${step}`, eng, body);
    if (res.status !== 200) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
