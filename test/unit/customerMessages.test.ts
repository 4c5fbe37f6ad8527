/**
 * What customers are told comes from one catalogue in Chinese and English (code you would inherit, item 6):
 * every template has both, the Chinese is Chinese, and each carries the request's number and its facts.
 */
import { CUSTOMER_MESSAGES, customerText, type CustomerTemplate } from '../../shared/notifications/customerMessages';

const no = 'SR-20261201-0007';
const SAMPLES: { [T in CustomerTemplate]: Parameters<(typeof CUSTOMER_MESSAGES)[T]>[0] } = {
  request_received: { no, name: '李伟', serial: 'SWH-1', model: 'SunHeat', entitlement: 'free', reason: 'in warranty' },
  solved_remotely: { no, name: '李伟', serial: 'SWH-1', summary: 'reset the controller' },
  engineer_assigned: { no, engineer: '陈浩' },
  appointment: { no, from: '09:00', to: '11:00', minutes: 90, rescheduled: false },
  appointment_reminder: { no, from: '09:00', to: '11:00' },
  appointment_proposed: { no, from: '09:00', to: '11:00', minutes: 60 },
  entitlement_changed: { no, findings: 'cracked by a fall', contract: false },
  another_visit_needed: { no, reason: 'a part is on order' },
  commissioning_improve: { no, items: ['earthing: no earth wire'] },
  quotation: {
    no,
    version: 2,
    total: 'CNY 380.00',
    lines: ['- sensor: 1 × CNY 380.00'],
    dropped: [],
    declineFee: 'CNY 50.00',
  },
  quotation_reminder: { no, version: 2, total: 'CNY 380.00' },
  quotation_expired: { no, version: 2 },
  quotation_declined: { no, fee: 'CNY 50.00' },
  settlement_difference: { no, total: 'CNY 420.00', approved: 'CNY 380.00', difference: 'CNY 40.00' },
  receipt: { no, paid: 'CNY 420.00', method: 'wechat', receiptNo: 'R-1' },
  completed: { no, signedBy: '李伟', serial: 'SWH-1' },
  cancelled: { no, reason: 'fixed by the customer' },
  complaint_acknowledged: { no: 'CP-20261201-0001', summary: 'we are sorry' },
  complaint_resolution: { no: 'CP-20261201-0001', resolution: 'a free visit', version: 1 },
  suggestion_received: { no: 'SG-20261203-0001', text: 'send the window by SMS' },
  suggestion_reviewed: { no: 'SG-20261203-0001', decision: 'adopted', response: 'from next month' },
  bring_unit: { no, serial: 'SWH-1', point: 'Xuhui service point', address: '88 Caoxi North Rd', hours: '09:00–18:00' },
  unit_received: { no, point: 'Xuhui service point', condition: 'casing scratched' },
  ready_for_collection: {
    no,
    point: 'Xuhui service point',
    hours: '09:00–18:00',
    repaired: true,
    freeUntil: '2026-12-31',
    fee: 'CNY 10.00',
  },
  storage_charges_started: { no, point: 'Xuhui service point', since: '2026-12-31', fee: 'CNY 10.00' },
  unit_collected: { no, signedBy: '李伟', serial: 'SWH-1' },
};

it.each(Object.keys(CUSTOMER_MESSAGES) as CustomerTemplate[])(
  'R-INTEGRATE-4 the customer message %s exists in Chinese and English and names its request',
  (template) => {
    const params = SAMPLES[template] as never;
    const [zhSubject, zhBody] = customerText(template, params, 'zh');
    const [enSubject, enBody] = customerText(template, params, 'en');
    expect(zhSubject + zhBody).toMatch(/[\u4e00-\u9fff]/);
    // English has no Chinese but the names it was given.
    expect((enSubject + enBody).replace(/李伟|陈浩/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
    const id = (SAMPLES[template] as { no: string }).no;
    expect(zhSubject).toContain(id);
    expect(enSubject).toContain(id);
    expect(zhBody.length).toBeGreaterThan(5);
    expect(enBody.length).toBeGreaterThan(5);
  },
);

it('R-INTEGRATE-4 a customer without a language in master data is told in Chinese', () => {
  expect(customerText('cancelled', SAMPLES.cancelled, undefined)[0]).toBe(`服务单 ${no} 已取消`);
  expect(customerText('cancelled', SAMPLES.cancelled, 'en')[0]).toBe(`Request ${no} cancelled`);
});
