/**
 * Bodies and headers a hostile or broken client sends get a clear 4xx, never a 500, and nothing is
 * written (issue: survive what production does to it, item 5).
 */
import zlib from 'node:zlib';
import { issueToken } from '../../shared/runtime/auth';
import { intakeBody } from '../setup/env';
import { startApi, type Api } from '../setup/apiHarness';
import { waitForReadModel } from '../setup/workflowHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('hostile');
}, 120_000);
afterAll(async () => api?.close());

async function post(body: Buffer | string, headers: Record<string, string>, token = api.tok.agent) {
  const res = await fetch(`${api.base}/requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as { error: string } };
}
const json = { 'content-type': 'application/json' };
const count = () => api.models.ServiceRequest.countDocuments({}).comment('scan: a test looks');

describe('hostile bodies and headers', () => {
  it('R-INTEGRATE-2 bodies over the 256 KB limit are 413, also when gzip inflates them past it', async () => {
    const big = JSON.stringify({ ...intakeBody(), fault: { symptoms: 'x'.repeat(300 * 1024) } });
    expect(await post(big, json)).toEqual({ status: 413, body: { error: 'body is larger than the 256 KB allowed' } });
    expect((await post('x'.repeat(5 * 1024 * 1024), json)).status).toBe(413);
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, ' '));
    expect(bomb.length).toBeLessThan(40 * 1024);
    expect((await post(bomb, { ...json, 'content-encoding': 'gzip' })).status).toBe(413);
    // Without credentials too: the body is refused before anything else.
    expect((await post(bomb, { ...json, 'content-encoding': 'gzip' }, '')).status).toBe(413);
  });

  it('R-INTEGRATE-2 an unsupported encoding or charset is 415, a body labelled gzip that is not is 400', async () => {
    const body = JSON.stringify(intakeBody());
    expect(await post(body, { ...json, 'content-encoding': 'br' })).toEqual({
      status: 415,
      body: { error: 'Content-Encoding br is not supported: send identity, gzip, deflate' },
    });
    expect(await post(body, { 'content-type': 'application/json; charset=latin1' })).toEqual({
      status: 415,
      body: { error: 'charset latin1 is not supported: send JSON in UTF-8' },
    });
    const notGzip = await post(body, { ...json, 'content-encoding': 'gzip' });
    expect(notGzip.status).toBe(400);
    expect(notGzip.body.error).toMatch(/^body could not be read: /);
    // A real gzip body is fine. Its read model is written by the workflow after the 201, so wait for
    // it: the tests below count documents and must not see it arrive late.
    const gz = await post(zlib.gzipSync(body), { ...json, 'content-encoding': 'gzip' });
    expect(gz.status).toBe(201);
    await waitForReadModel(api.models, (gz.body as unknown as { requestNo: string }).requestNo, () => true);
  });

  it('R-INTEGRATE-2 a body that is not JSON is 415 saying JSON is expected; broken JSON is 400', async () => {
    const before = await count();
    expect(await post(JSON.stringify(intakeBody()), { 'content-type': 'text/plain' })).toEqual({
      status: 415,
      body: { error: 'send the body as JSON (Content-Type: application/json), not text/plain' },
    });
    expect(await post('{"channel": "hotline",', json)).toEqual({
      status: 400,
      body: { error: 'body is not valid JSON' },
    });
    expect(await count()).toBe(before);
  });

  it('R-INTEGRATE-2 a NUL character in a field, a filter, a path or a token is 400/401 naming where, and nothing is written', async () => {
    const before = await count();
    const withNul = { ...intakeBody(), fault: { ...intakeBody().fault, symptoms: 'no hot water\u0000' } };
    expect(await post(JSON.stringify(withNul), json)).toEqual({
      status: 400,
      body: {
        error: 'body.fault.symptoms: contains a NUL character (U+0000), which no field, filter or path may contain',
      },
    });
    expect((await post(JSON.stringify({ ...intakeBody(), contactName: 'Li\u0000' }), json)).status).toBe(400);
    for (const filter of ['customerId', 'region', 'engineerId']) {
      const res = await api.call('GET', `/requests?${filter}=a%00b`, api.tok.admin);
      expect(res).toEqual({
        status: 400,
        body: { error: expect.stringMatching(new RegExp(`^query\\.${filter}: contains a NUL`)) },
      });
    }
    const admin = await api.call('GET', '/admin/customers/CUST%00-001', api.tok.admin);
    expect(admin.status).toBe(400);
    expect(admin.body.error).toMatch(/^path: contains a NUL/);
    const nulSub = await issueToken(api.config.authSecret, { role: 'agent', id: 'agent\u00001' });
    expect((await post(JSON.stringify(intakeBody()), json, nulSub)).status).toBe(401);
    expect(await count()).toBe(before);
  });
});
