/** The demo's counter for carry-in repair (R-TRIAGE-2, 002 §2.1.3 送修), in the east region beside its warehouse. */
export const DEMO_SERVICE_POINTS = [
  {
    servicePointId: 'SP-SH-01',
    name: '上海徐汇服务网点 Xuhui service point',
    address: '上海市徐汇区漕溪北路 88 号 88 Caoxi North Rd, Xuhui, Shanghai',
    region: 'east',
    phone: '+86 21 6400 0000',
    openingHours: 'Mon–Sat 09:00–18:00',
    storage: { freeDays: 30, feePerDayMinor: 1000, currency: 'CNY' }, // kept free 30 days, then CNY 10.00 a day
  },
];
