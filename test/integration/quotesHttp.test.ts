/**
 * Paid repairs over HTTP against the real dev server and FerretDB: the customer's signed link (wrong
 * token, another request's token, expired link, replayed approval), the statement, payments from the
 * billing service (idempotent) and invoicing to a contract account.
 */
import { pdfText } from '../setup/pdfText';
import { issueCustomerLink } from '../../shared/runtime/auth';
import { intakeBody } from '../setup/env';
import { diagnosedPaid, eventually, PAID, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('quotes');
}, 120_000);
afterAll(async () => api?.close());

const call = (method: string, path: string, token?: string, body?: unknown) => api.call(method, path, token, body);
const until = (no: string, ok: (v: any) => boolean, what = 'state') =>
  eventually(() => call('GET', `/requests/${no}`, api.tok.dispatcher).then((r) => r.body), ok, what);
const LINES = [
  { code: 'P-SWH-SENSOR', quantity: 1 },
  { code: 'LABOUR-STANDARD', quantity: 1.5 },
  { code: 'CALLOUT', quantity: 1 },
];

const diagnosed = (over: Record<string, unknown> = PAID, engineer = 'ENG-004') => diagnosedPaid(api, over, engineer);

describe("HTTP: quotation approval through the customer's signed link", () => {
  it("R-QUOTE-1 R-QUOTE-2 wrong token 401, another request's link 403, expired link 401, outdated or replayed approval 409", async () => {
    const { no, link, engineer } = await diagnosed();
    expect(
      await call('POST', `/requests/${no}/quotation`, engineer, { lines: [{ code: 'P-NOPE', quantity: 1 }] }),
    ).toEqual({ status: 400, body: { error: 'body.lines: not in the price list: P-NOPE' } });
    expect(
      (await call('POST', `/requests/${no}/quotation`, engineer, { lines: [{ code: 'CALLOUT', quantity: 0.3 }] }))
        .status,
    ).toBe(400);
    const quoted = await call('POST', `/requests/${no}/quotation`, engineer, { lines: LINES });
    expect(quoted.body.status).toBe('awaiting_approval');
    expect(quoted.body.recorded[0]).toMatchObject({
      action: 'quotation_issued',
      detail: { version: 1, totalMinor: 44_000 },
    });

    // The customer sees exactly what they are asked to approve.
    const seen = await call('GET', `/requests/${no}`, link);
    expect(seen.body.quotations[0]).toMatchObject({
      version: 1,
      totalMinor: 44_000,
      currency: 'CNY',
      lines: [{ code: 'P-SWH-SENSOR' }, { code: 'LABOUR-STANDARD' }, { code: 'CALLOUT' }],
    });

    const approval = { version: 1, totalMinor: 44_000, signedBy: 'Zhang Min' };
    expect((await call('POST', `/requests/${no}/quotation/approve`, 'not-a-token', approval)).status).toBe(401);
    const forged = await issueCustomerLink('another-secret', 'CUST-003', no, '1h');
    expect((await call('POST', `/requests/${no}/quotation/approve`, forged, approval)).status).toBe(401);
    const other = await call('POST', '/requests', api.tok.agent, intakeBody(PAID));
    const otherLink = new URL(other.body.customerLink).searchParams.get('token')!;
    expect(await call('POST', `/requests/${no}/quotation/approve`, otherLink, approval)).toEqual({
      status: 403,
      body: { error: 'this link is for another request' },
    });
    const shortLived = await issueCustomerLink(api.config.authSecret, 'CUST-003', no, '1s');
    await new Promise((r) => setTimeout(r, 2_100));
    const expired = await call('POST', `/requests/${no}/quotation/approve`, shortLived, approval);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatch(/exp/);
    expect(await call('POST', `/requests/${no}/quotation/approve`, link, { ...approval, version: 2 })).toEqual({
      status: 409,
      body: { error: 'quotation v2 is unknown: v1 is the one to approve' },
    });
    expect((await until(no, () => true)).status).toBe('awaiting_approval'); // nothing written by any of these

    const ok = await call('POST', `/requests/${no}/quotation/approve`, link, approval);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('repairing');
    const replay = await call('POST', `/requests/${no}/quotation/approve`, link, approval);
    expect(replay.status).toBe(409);
    expect(replay.body.error).toMatch(/^quotation v1 was already approved at .* by Zhang Min$/);
    const history = (await until(no, () => true)).history.map((h: any) => h.action);
    expect(history.filter((a: string) => a === 'quotation_approved')).toHaveLength(1);
    await call('POST', `/requests/${other.body.requestNo}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-SETTLE-1 R-SETTLE-3 the statement shows the approved version, lines as recorded, payment and the warranties; payments are idempotent', async () => {
    const { no, link, engineer } = await diagnosed();
    await call('POST', `/requests/${no}/quotation`, engineer, { lines: LINES });
    await call('POST', `/requests/${no}/quotation/approve`, link, {
      version: 1,
      totalMinor: 44_000,
      signedBy: 'Zhang Min',
    });
    expect(
      (
        await call('POST', `/requests/${no}/work`, engineer, {
          actions: 'replaced sensor',
          functionalTestPassed: true,
          demonstratedToCustomer: true,
          cleanedUp: true,
          advice: 'descale yearly',
        })
      ).body.status,
    ).toBe('work_done');
    expect(
      (await call('POST', `/requests/${no}/sign-off`, link, { signedBy: 'Zhang Min', satisfied: true })).body.status,
    ).toBe('awaiting_follow_up');

    const payment = {
      transactionId: 'ALIPAY-2026-991',
      amountMinor: 44_000,
      currency: 'CNY',
      method: 'electronic',
      receiptNo: 'RC-118',
    };
    expect((await call('POST', `/requests/${no}/payments`, api.tok.agent, payment)).status).toBe(403);
    expect(
      (await call('POST', `/requests/${no}/payments`, api.tok.service, { ...payment, amountMinor: 440.5 })).status,
    ).toBe(400);
    expect(
      await call('POST', `/requests/${no}/payments`, api.tok.service, { ...payment, currency: 'USD' }),
    ).toMatchObject({ status: 409, body: { error: expect.stringContaining('is priced in CNY') } });
    const paid = {
      status: 202,
      body: { accepted: true, transactionId: payment.transactionId, recordedAs: 'payment_received' },
    };
    expect(await call('POST', `/requests/${no}/payments`, api.tok.service, payment)).toEqual(paid);
    expect(await call('POST', `/requests/${no}/payments`, api.tok.service, payment)).toEqual(paid); // the first answer

    const statement = await eventually(
      () => call('GET', `/requests/${no}/statement`, link).then((r) => r.body),
      (b) => b.settlement?.settled,
      'settled',
    );
    expect(statement.approvedQuotations).toEqual([
      expect.objectContaining({ version: 1, totalMinor: 44_000, approvedBy: 'Zhang Min', method: 'signed_link' }),
    ]);
    expect(statement.settlement).toMatchObject({
      currency: 'CNY',
      totalMinor: 44_000,
      approvedTotalMinor: 44_000,
      differenceMinor: 0,
      paidMinor: 44_000,
      outstandingMinor: 0,
      payments: [{ transactionId: 'ALIPAY-2026-991', method: 'electronic', receiptNo: 'RC-118' }],
    });
    expect(statement.settlement.lines.map((l: any) => `${l.code}:${l.quantity}:${l.lineTotalMinor}`)).toEqual([
      'P-SWH-SENSOR:1:18000',
      'LABOUR-STANDARD:1.5:18000',
      'CALLOUT:1:8000',
    ]);
    const signedDay = Date.parse(statement.warranty.work.until) - 90 * 86_400_000;
    expect(Math.abs(signedDay - Date.now())).toBeLessThan(2 * 86_400_000);
    expect(statement.warranty.parts).toEqual([
      expect.objectContaining({ code: 'P-SWH-SENSOR', days: 180, until: expect.any(String) }),
    ]);
    // R-SETTLE-1..3 on paper: the statement PDF lists the lines, the payment and the warranty terms.
    const pdf = await fetch(`${api.base}/requests/${no}/documents/settlement-statement?token=${link}`);
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('结算单 Settlement statement');
    expect(text).toMatch(/合计 Total: CNY 440\.00/);
    expect(text).toContain('RC-118');
    expect(text).toMatch(/P-SWH-SENSOR .*180 天 days/);
    const rm = await eventually(
      () => api.models.ServiceRequest.findById(no).lean(),
      (d) => d?.settled === true,
      'read model',
    );
    expect(rm).toMatchObject({
      settlementTotalMinor: 44_000,
      currency: 'CNY',
      quotationVersion: 1,
      quotationStatus: 'approved',
    });
    expect(
      (await call('GET', `/requests/${no}`, api.tok.dispatcher)).body.history.filter(
        (h: any) => h.action === 'payment_received',
      ),
    ).toHaveLength(1);
  });

  it('R-SETTLE-1 contract work is invoiced to the contract account; paid work is not', async () => {
    const today = Date.now();
    const iso = (d: number) => new Date(today + d * 86_400_000).toISOString().slice(0, 10);
    await api.models.Contract.updateOne({ _id: 'SC-2025-017' }, { $set: { start: iso(-30), end: iso(300) } });
    const { no, engineer } = await diagnosed(
      { customerId: 'CUST-002', serialNumber: 'UPS-2021-0420', region: 'east', contactName: 'Front desk' },
      'ENG-003',
    );
    const q = await call('POST', `/requests/${no}/quotation`, engineer, {
      lines: [
        { code: 'P-UPS-BATT', quantity: 1 },
        { code: 'LABOUR-SENIOR', quantity: 1 },
      ],
    });
    expect(q.body.recorded[0].detail).toMatchObject({ totalMinor: 32_000, coveredMinor: 20_000 });
    expect(
      await call('POST', `/requests/${no}/quotation/approve`, engineer, {
        version: 1,
        totalMinor: 32_000,
        signedBy: 'Facilities manager',
      }),
    ).toEqual({
      status: 409,
      body: {
        error:
          "an engineer records an approval only with the signed form's reference (formReference) or the customer's signature (signatureId)",
      },
    });
    await call('POST', `/requests/${no}/quotation/approve`, engineer, {
      version: 1,
      totalMinor: 32_000,
      signedBy: 'Facilities manager',
      formReference: 'SF-0042',
    });
    expect(
      await call('POST', `/requests/${no}/invoice`, api.tok.service, { invoiceNo: 'INV-1', account: 'SC-2025-017' }),
    ).toEqual({ status: 409, body: { error: 'there is no settlement to invoice yet' } });
    await call('POST', `/requests/${no}/work`, engineer, {
      actions: 'battery swapped',
      functionalTestPassed: true,
      demonstratedToCustomer: true,
      cleanedUp: true,
      advice: 'test monthly',
    });
    const inv = await call('POST', `/requests/${no}/invoice`, api.tok.service, {
      invoiceNo: 'INV-2026-0007',
      account: 'SC-2025-017',
    });
    expect(inv.status).toBe(200);
    expect((await call('GET', `/requests/${no}`, api.tok.agent)).body.settlement).toMatchObject({
      settled: true,
      invoice: { invoiceNo: 'INV-2026-0007', account: 'SC-2025-017' },
    });
    expect(
      (
        await call('POST', `/requests/${no}/invoice`, api.tok.service, {
          invoiceNo: 'INV-2026-0008',
          account: 'SC-2025-017',
        })
      ).body.error,
    ).toBe('the settlement is already invoiced (INV-2026-0007)');

    const paid = await diagnosed();
    expect(
      (await call('POST', `/requests/${paid.no}/invoice`, api.tok.admin, { invoiceNo: 'X', account: 'Y' })).body.error,
    ).toBe('only contract work is invoiced to a contract account (entitlement: paid)');
  });
});
