/**
 * Complaints over HTTP (R-FOLLOW-4): taken in at their own endpoint (never as a field job), linked to the
 * customer's requests (and shown on them), answered by the customer through a signed link; a revisit
 * opens a linked service request prefilled from the one complained about.
 */
import { intakeBody } from '../setup/env';
import { eventually, openRequest, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('complaints');
}, 120_000);
afterAll(async () => api?.close());

const COMPLAINT = {
  channel: 'hotline',
  category: 'service_quality',
  customerId: 'CUST-001',
  contactName: 'Li Wei',
  contactPhone: '+86 21 5555 0101',
  description: 'the engineer left the roof dirty and the heater still drips',
};

describe('complaints over HTTP', () => {
  it('R-FOLLOW-4 a complaint is not a field job: POST /requests points to /complaints and writes nothing', async () => {
    const before = await api.models.ServiceRequest.countDocuments().comment('scan: a test looks');
    expect(await api.call('POST', '/requests', api.tok.agent, intakeBody({ kind: 'complaint' }))).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('POST /api/v1/complaints') },
    });
    expect(await api.models.ServiceRequest.countDocuments().comment('scan: a test looks')).toBe(before);
  });

  it('R-FOLLOW-4 linked to a request, shown on it, revisited by a linked request, accepted through the customer link', async () => {
    const requestNo = await openRequest(api);
    expect(
      await api.call('POST', '/complaints', api.tok.agent, { ...COMPLAINT, relatedRequestNos: ['SR-20200101-0001'] }),
    ).toMatchObject({ status: 400, body: { error: 'body.relatedRequestNos: no request SR-20200101-0001' } });
    expect(
      await api.call('POST', '/complaints', api.tok.agent, {
        ...COMPLAINT,
        customerId: 'CUST-003',
        relatedRequestNos: [requestNo],
      }),
    ).toMatchObject({ status: 400, body: { error: `body.relatedRequestNos: request ${requestNo} is not CUST-003's` } });
    expect((await api.call('POST', '/complaints', api.tok.eng1, COMPLAINT)).status).toBe(403);

    const created = await api.call('POST', '/complaints', api.tok.agent, {
      ...COMPLAINT,
      relatedRequestNos: [requestNo],
    });
    expect(created).toMatchObject({ status: 201, body: { status: 'received' } });
    const { complaintNo } = created.body;
    expect(complaintNo).toMatch(/^CP-\d{8}-\d{4}$/);
    const link = new URL(created.body.customerLink).searchParams.get('token')!;
    const shown = await eventually(
      () => api.call('GET', `/requests/${requestNo}`, api.tok.agent),
      (r) => r.body.complaints?.length === 1,
      'the complaint on the request',
    );
    expect(shown.body.complaints[0]).toMatchObject({ complaintNo, category: 'service_quality' });

    const path = `/complaints/${complaintNo}`;
    await api.call('POST', `${path}/acknowledge`, api.tok.agent, { summary: 'sorry, a supervisor will call you' });
    expect(
      await api.call('POST', `${path}/revisit`, api.tok.dispatcher, {
        requestNo: 'SR-20200101-0001',
        symptoms: 'drips',
      }),
    ).toMatchObject({
      status: 409,
      body: { error: expect.stringContaining('not one of the requests this complaint is about') },
    });
    const revisit = await api.call('POST', `${path}/revisit`, api.tok.dispatcher, {
      requestNo,
      symptoms: 'still drips at the valve after the visit',
    });
    expect(revisit).toMatchObject({ status: 200, body: { complaintNo } });
    const linked = await eventually(
      () => api.call('GET', `/requests/${revisit.body.requestNo}`, api.tok.agent),
      (r) => r.status === 200 && !!r.body.entitlement,
      'the revisit request',
    );
    expect(linked.body.intake).toMatchObject({
      kind: 'fault_repair',
      customerId: 'CUST-001',
      serialNumber: 'SWH-2025-0001',
      siteAddress: '88 Century Ave, Shanghai',
      fault: { symptoms: 'still drips at the valve after the visit' },
    });

    await api.call('POST', `${path}/investigation`, api.tok.dispatcher, {
      findings: 'valve seal not replaced',
      responsibleParty: 'engineer',
      rootCause: 'the checklist has no leak test after valve work',
      improvementNeeded: false,
    });
    await api.call('POST', `${path}/proposal`, api.tok.dispatcher, {
      resolution: 'revisit booked, seal replaced free',
    });
    expect(
      (await api.call('POST', `${path}/decision?token=${link}`, undefined, { version: 7, accept: true })).status,
    ).toBe(409);
    expect(
      (
        await api.call(`POST`, `/complaints/CP-20200101-0001/decision?token=${link}`, undefined, {
          version: 1,
          accept: true,
        })
      ).status,
    ).toBe(403);
    const decided = await api.call('POST', `${path}/decision?token=${link}`, undefined, { version: 1, accept: true });
    expect(decided).toMatchObject({ status: 200, body: { status: 'closed' } });

    const mine = await api.call('GET', `${path}?token=${link}`);
    expect(mine.body).not.toHaveProperty('investigation'); // internal
    expect(mine.body.history.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['received', 'acknowledged', 'revisit_ordered', 'resolution_proposed', 'closed']),
    );
    const listed = await eventually(
      () => api.call('GET', `/complaints?requestNo=${requestNo}`, api.tok.agent),
      (r) => r.body.items?.[0]?.status === 'closed',
      'listed as closed',
    );
    expect(listed.body.items[0]).toMatchObject({
      complaintNo,
      rootCause: 'the checklist has no leak test after valve work',
      revisits: [revisit.body.requestNo],
    });
    for (const no of [requestNo, revisit.body.requestNo])
      await api.call('POST', `/requests/${no}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-FOLLOW-4 another system retrying with its Idempotency-Key gets the complaint it made, once', async () => {
    const send = () =>
      fetch(`${api.base}/complaints`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${api.tok.service}`,
          'content-type': 'application/json',
          'idempotency-key': 'crm-7781',
        },
        body: JSON.stringify({ ...COMPLAINT, channel: 'api' }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again).toMatchObject({ status: 200, body: { complaintNo: first.body.complaintNo } });
    await eventually(
      () => api.models.Complaint.countDocuments({ channel: 'api' }).comment('scan: a test looks'),
      (n) => n > 0,
      'the complaint row',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await api.models.Complaint.countDocuments({ channel: 'api' }).comment('scan: a test looks')).toBe(1);
  });

  it('R-FOLLOW-4 a complaint about a request sent the moment after its intake is taken in (read your own writes)', async () => {
    const taken = await api.call('POST', '/requests', api.tok.agent, intakeBody());
    expect(taken.status).toBe(201);
    const at = await api.call('POST', '/complaints', api.tok.agent, {
      ...COMPLAINT,
      relatedRequestNos: [taken.body.requestNo],
    });
    expect(at).toMatchObject({ status: 201, body: { status: 'received' } });
  });

  it('R-RECORD-1 R-FOLLOW-4 a complaint whose workflow has left Temporal is still read, history included', async () => {
    const view = {
      complaintNo: 'CP-20240101-0001',
      status: 'followed_up',
      intake: { ...COMPLAINT, relatedRequestNos: [] },
      receivedAt: '2024-01-01T08:00:00.000Z',
      proposals: [],
      revisits: [],
      history: [
        { seq: 1, at: '2024-01-01T08:00:00.000Z', action: 'received', actor: { role: 'agent', id: 'agent-1' } },
      ],
    };
    await api.models.Complaint.create({
      _id: view.complaintNo,
      complaintNo: view.complaintNo,
      version: 9,
      status: view.status,
      view,
    });
    const read = await api.call('GET', `/complaints/${view.complaintNo}`, api.tok.agent);
    expect(read).toMatchObject({
      status: 200,
      body: { complaintNo: view.complaintNo, status: 'followed_up', history: [{ action: 'received' }] },
    });
    expect((await api.call('GET', '/complaints/CP-20240101-0002', api.tok.agent)).status).toBe(404);
  });
});
