/**
 * Commissioning over HTTP (R-VISIT-7): the assigned engineer records the checks and parameters, the
 * customer signs off through their link, and reads the signed report; refusals name the reason.
 */
import { pdfText } from '../setup/pdfText';
import { issueToken } from '../../shared/runtime/auth';
import { intakeBody } from '../setup/env';
import { eventually, openRequest, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('commissioning');
}, 120_000);
afterAll(async () => api?.close());

const HOUR = 3_600_000;
const checks = {
  connections: { result: 'ok' },
  grounding: { result: 'corrected', note: 'earth strap refitted' },
  environment: { result: 'ok' },
  powerSupply: { result: 'ok' },
};

describe('commissioning over HTTP', () => {
  it('R-VISIT-7 checks and parameters, the customer’s signature through the link, and the signed report', async () => {
    const created = await api.call(
      'POST',
      '/requests',
      api.tok.agent,
      intakeBody({ kind: 'commissioning', fault: { symptoms: 'new installation' } }),
    );
    const no = created.body.requestNo as string;
    const link = new URL(created.body.customerLink).searchParams.get('token')!;
    const offered = await eventually(
      () => api.call('GET', `/requests/${no}`, api.tok.agent),
      (r) => r.body.status === 'offered',
      'offered',
    );
    const eng = await issueToken(api.config.authSecret, { role: 'engineer', id: offered.body.offer.engineerId });
    await api.call('POST', `/requests/${no}/offer/accept`, eng);
    await api.call('POST', `/requests/${no}/appointment`, eng, {
      windowStart: new Date(Date.now() + HOUR).toISOString(),
      windowEnd: new Date(Date.now() + 3 * HOUR).toISOString(),
      estimatedDurationMinutes: 90,
      customerConsent: true,
    });
    await api.call('POST', `/requests/${no}/check-in`, eng, { identityShown: true });
    // Nothing is broken on a commissioning visit: no diagnosis, the checks are its record.
    expect((await api.call('GET', `/requests/${no}/commissioning-report`, api.tok.agent)).status).toBe(409); // not recorded yet
    const work = {
      actions: 'commissioned',
      functionalTestPassed: true,
      demonstratedToCustomer: true,
      cleanedUp: true,
      advice: 'keep vents clear',
    };
    expect(await api.call('POST', `/requests/${no}/work`, eng, work)).toMatchObject({
      status: 409,
      body: { error: expect.stringContaining('record the commissioning checks and parameters first') },
    });
    expect(
      (
        await api.call('POST', `/requests/${no}/commissioning`, eng, {
          checks: { ...checks, grounding: { result: 'corrected' } },
        })
      ).status,
    ).toBe(400); // no note
    expect((await api.call('POST', `/requests/${no}/commissioning`, api.tok.eng3, { checks })).status).toBe(403);
    const recorded = await api.call('POST', `/requests/${no}/commissioning`, eng, {
      checks,
      parameters: [{ name: 'thermostat', value: '55', unit: '°C' }],
    });
    // The same report as the PDF the customer signs: Chinese labels, the checks and parameters as text.
    const pdf = await fetch(`${api.base}/requests/${no}/documents/commissioning-report?token=${link}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('开通调试报告 Commissioning report');
    expect(text).toMatch(/thermostat\s+55 °C/);
    expect(text).toContain('Li Wei');
    expect(recorded).toMatchObject({
      status: 200,
      body: { recorded: [expect.objectContaining({ action: 'commissioning_recorded' })] },
    });
    await api.call('POST', `/requests/${no}/work`, eng, work);
    await api.call('POST', `/requests/${no}/sign-off?token=${link}`, undefined, {
      signedBy: 'Li Wei',
      satisfied: true,
    });
    const report = await eventually(
      () => api.call('GET', `/requests/${no}/commissioning-report?token=${link}`),
      (r) => r.body.accepted === true,
      'the signed report',
    );
    expect(report.body).toMatchObject({
      requestNo: no,
      signedBy: 'Li Wei',
      checks,
      parameters: [{ name: 'thermostat', value: '55', unit: '°C' }],
    });

    const repair = await openRequest(api);
    expect((await api.call('GET', `/requests/${repair}/commissioning-report`, api.tok.agent)).status).toBe(404);
    const none = await api.call('GET', `/requests/${repair}/documents/commissioning-report`, api.tok.agent);
    expect(none).toMatchObject({ status: 409, body: { error: expect.stringContaining('no commissioning record') } });
    await api.call('POST', `/requests/${repair}/cancel`, api.tok.agent, { reason: 'test over' });
  });
});
