/**
 * The business calendar the demo world starts with (R-SLA-6): the Chinese working week in Asia/Shanghai
 * with the 2026 public holidays and make-up working days (调休) as the State Council announced them.
 * Next year's days are a new version (PUT /api/v1/calendars/cn-workweek) once they are announced.
 */
const workday = [{ from: '09:00', to: '18:00' }];
const holidays = (name: string, dates: string[]) => dates.map((date) => ({ date, name }));

export const CALENDAR_PRESETS = [
  {
    key: 'cn-workweek',
    version: 1,
    name: 'China working week 09:00–18:00, 2026 holidays',
    timeZone: 'Asia/Shanghai',
    week: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [], sun: [] },
    holidays: [
      ...holidays('元旦', ['2026-01-01', '2026-01-02', '2026-01-03']),
      ...holidays(
        '春节',
        [15, 16, 17, 18, 19, 20, 21, 22, 23].map((d) => `2026-02-${d}`),
      ),
      ...holidays('清明节', ['2026-04-04', '2026-04-05', '2026-04-06']),
      ...holidays('劳动节', ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05']),
      ...holidays('端午节', ['2026-06-19', '2026-06-20', '2026-06-21']),
      ...holidays('中秋节', ['2026-09-25', '2026-09-26', '2026-09-27']),
      ...holidays(
        '国庆节',
        [1, 2, 3, 4, 5, 6, 7].map((d) => `2026-10-0${d}`),
      ),
    ],
    workingDays: [
      { date: '2026-01-04', name: '元旦调休' },
      { date: '2026-02-14', name: '春节调休' },
      { date: '2026-02-28', name: '春节调休' },
      { date: '2026-05-09', name: '劳动节调休' },
      { date: '2026-09-20', name: '国庆节调休' },
      { date: '2026-10-10', name: '国庆节调休' },
    ],
  },
];
