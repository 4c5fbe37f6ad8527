/**
 * Signals in from other systems (R-INTEGRATE-3): a customer's message on another channel joins the
 * request's history once per message id; parts received at a warehouse are booked once per message id
 * and wake a requisition waiting for them at once, not at its next hourly retry.
 */
import { StockLedger } from '../../shared/storage/stockLedger';
import { intakeBody } from '../setup/env';
import { eventually, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('signals');
}, 120_000);
afterAll(async () => api?.close());

const HOUR = 3_600_000;

describe('signals in', () => {
  it("R-INTEGRATE-3 a customer's message from another channel is recorded once per message id", async () => {
    const { requestNo } = (await api.call('POST', '/requests', api.tok.agent, intakeBody())).body;
    const message = {
      messageId: 'mail-4711',
      channel: 'email',
      from: 'li.wei@example.test',
      text: 'Can you come after 3 pm?',
    };
    expect(await api.call('POST', `/requests/${requestNo}/messages`, api.tok.service, message)).toEqual({
      status: 202,
      body: { accepted: true, messageId: 'mail-4711' },
    });
    await api.call('POST', `/requests/${requestNo}/messages`, api.tok.agent, message); // redelivered
    expect(
      (await api.call('POST', `/requests/${requestNo}/messages`, api.tok.service, { ...message, channel: 'fax' }))
        .status,
    ).toBe(400);
    expect((await api.call('POST', `/requests/${requestNo}/messages`, api.tok.eng1, message)).status).toBe(403);
    expect((await api.call('POST', '/requests/SR-20261123-9999/messages', api.tok.service, message)).status).toBe(404);
    const view = await eventually(
      () => api.call('GET', `/requests/${requestNo}`, api.tok.agent),
      (r) => r.body.history.some((e: { action: string }) => e.action === 'customer_message'),
      'the message in the history',
    );
    const entries = view.body.history.filter((e: { action: string }) => e.action === 'customer_message');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { role: 'service' },
      detail: { messageId: 'mail-4711', text: 'Can you come after 3 pm?' },
    });
    await api.call('POST', `/requests/${requestNo}/cancel`, api.tok.agent, { reason: 'test over' });
  });

  it('R-PARTS-4 parts received at the warehouse wake a requisition waiting for them, booked once per message id', async () => {
    const ledger = new StockLedger(api.models);
    const onHand = await ledger.balance('WH-EAST', 'P-SWH-SENSOR');
    const start = Date.now() + 2 * HOUR;
    const trip = await api.call('POST', '/trips', api.tok.dispatcher, {
      engineerId: 'ENG-001',
      region: 'east',
      warehouseId: 'WH-EAST',
      plannedStart: new Date(start).toISOString(),
      plannedEnd: new Date(start + 24 * HOUR).toISOString(),
      lines: [{ partNo: 'P-SWH-SENSOR', quantity: onHand + 5 }],
    });
    const tripId = trip.body.tripId as string;
    await api.call('POST', `/trips/${tripId}/approve`, api.tok.dispatcher, { approve: true, mode: 'wait' });
    const tripNow = () => api.call('GET', `/trips/${tripId}`, api.tok.dispatcher).then((r) => r.body);
    await eventually(tripNow, (v) => v.status === 'waiting_for_stock', 'waiting for stock');
    await eventually(
      () => api.models.Trip.findById(tripId).lean(),
      (d) => d?.status === 'waiting_for_stock',
      'read model',
    );

    const receipt = { messageId: 'erp-88', lines: [{ partNo: 'P-SWH-SENSOR', quantity: 5 }] };
    expect((await api.call('POST', '/warehouses/WH-NOWHERE/receipts', api.tok.service, receipt)).status).toBe(404);
    expect((await api.call('POST', '/warehouses/WH-EAST/receipts', api.tok.agent, receipt)).status).toBe(403);
    const booked = await api.call('POST', '/warehouses/WH-EAST/receipts', api.tok.service, receipt);
    expect(booked).toMatchObject({ status: 200, body: { woken: [tripId] } });
    // Reserved within moments, although the next scheduled retry is an hour away.
    const reserved = await eventually(tripNow, (v) => v.status === 'reserved', 'reserved after the receipt');
    expect(reserved.history.map((e: { action: string }) => e.action)).toContain('parts_arrived');
    expect(await ledger.balance('RESERVED-' + tripId, 'P-SWH-SENSOR')).toBe(onHand + 5);
    // The same receipt again books nothing.
    await api.call('POST', '/warehouses/WH-EAST/receipts', api.tok.service, receipt);
    expect(await ledger.balance('WH-EAST', 'P-SWH-SENSOR')).toBe(0);
    await api.call('POST', `/trips/${tripId}/cancel`, api.tok.dispatcher, { reason: 'test over' });
  });
});
