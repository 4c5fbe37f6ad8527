/**
 * `/metrics` in Prometheus format (R-INTEGRATE-1, ops): HTTP requests by route and status with latency
 * histograms, and business series (requests received, outbox backlog, breached clocks).
 */
import { intakeBody } from '../setup/env';
import { startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('metrics');
}, 120_000);
afterAll(async () => api?.close());

const scrape = async (token?: string) => {
  const res = await fetch(api.base.replace(/\/api\/v1$/, '/metrics'), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, text: await res.text() };
};

describe('metrics', () => {
  it('R-INTEGRATE-1 /metrics counts HTTP calls by route and status and shows the business series', async () => {
    const { requestNo } = (await api.call('POST', '/requests', api.tok.agent, intakeBody())).body;
    await api.call('GET', `/requests/${requestNo}`, api.tok.agent);
    await api.call('GET', '/requests/SR-20261123-9999', api.tok.agent);
    const { status, text } = await scrape(api.tok.service);
    expect(status).toBe(200);
    expect(text).toMatch(
      /^aftersales_http_requests_total\{method="POST",route="\/api\/v1\/requests",status="201"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^aftersales_http_requests_total\{method="GET",route="\/api\/v1\/requests\/:requestNo",status="404"\} 1$/m,
    );
    expect(text).toMatch(
      /^aftersales_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/requests\/:requestNo",status="200"\} 1$/m,
    );
    expect(text).toMatch(/^aftersales_requests_received_total\{kind="fault_repair",channel="hotline"\} [1-9]/m);
    expect(text).toMatch(/^aftersales_outbox_messages\{state="undeliverable"\} \d+$/m);
    expect(text).toMatch(/^aftersales_requests_breached\{clock="dispatch"\} 0$/m);
    await api.call('POST', `/requests/${requestNo}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-INTEGRATE-1 /metrics needs a service or admin token', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(api.tok.agent)).status).toBe(403);
  });
});
