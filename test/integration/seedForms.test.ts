/**
 * The seeds' registration form and satisfaction survey (003 §4 templates 1 and 5) as PDF, read back as
 * text, on the real services: drawn from the request's state, by the same route as the other forms.
 */
import { eventually, openRequest, startApi, type Api } from '../setup/apiHarness';
import { signedOffFreeRepair } from '../setup/journeys';
import { pdfText } from '../setup/pdfText';

let api: Api;
beforeAll(async () => {
  api = await startApi('seed-forms');
  // The follow-up call comes due at once (the policy's delay is days; the request reads it at intake).
  await api.models.Policy.updateOne({ _id: 'service' }, { $set: { followUpDelayMs: 300 } });
}, 120_000);
afterAll(async () => api?.close());

const pdf = async (no: string, name: string, token = api.tok.agent) => {
  const res = await fetch(`${api.base}/requests/${no}/documents/${name}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, text: res.ok ? await pdfText(Buffer.from(await res.arrayBuffer())) : '' };
};

it('R-FORM-1 the service registration form and, after the follow-up call, the satisfaction survey', async () => {
  const fresh = await openRequest(api);
  const registration = await pdf(fresh, 'service-registration');
  expect(registration.status).toBe(200);
  for (const words of ['售后服务受理登记表', fresh, 'SWH-2025-0001', 'agent agent-1'])
    expect(registration.text).toContain(words);
  expect((await pdf(fresh, 'satisfaction-survey')).status).toBe(409); // no follow-up yet

  const { no } = await signedOffFreeRepair(api);
  await eventually(
    () => api.call('GET', `/requests/${no}`, api.tok.agent).then((r) => r.body),
    (v) => v.status === 'follow_up_due',
    'follow-up due',
  );
  const scores = { punctuality: 9, attitude: 10, resolution: 8, overall: 9, comment: '工程师很专业' };
  expect((await api.call('POST', `/requests/${no}/follow-up`, api.tok.agent, scores)).status).toBe(200);
  const survey = await pdf(no, 'satisfaction-survey');
  expect(survey.status).toBe(200);
  for (const words of ['客户满意度调查表', no, '工程师很专业']) expect(survey.text).toContain(words);
  expect(survey.text).toMatch(/Attitude\s*10/);
}, 180_000);
