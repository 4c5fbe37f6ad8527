/** The words of business calendars and business-time clocks (R-SLA-6) in Chinese and English. */
export const SLA_WORDS: Record<string, [zh: string, en: string]> = {
  businessHours: ['按工作时间计', 'Service hours'],
  calendars: ['工作日历', 'Business calendars'],
  newCalendar: ['新建工作日历', 'New business calendar'],
  timeZone: ['时区', 'Time zone'],
  weekHours: [
    '每周服务时间（如 09:00-12:00, 13:00-18:00；空 = 不服务）',
    'Service hours (e.g. 09:00-12:00, 13:00-18:00; empty = closed)',
  ],
  holidays: ['法定节假日（每行：日期 名称）', 'Public holidays (one per line: date name)'],
  workingDays: [
    '调休上班日（每行：日期 名称 [按周几的时间]）',
    'Make-up working days 调休 (one per line: date name [weekday whose hours])',
  ],
  calendarKey: ['日历代码', 'Calendar key'],
  businessClocks: ['按工作时间计的时钟', 'Clocks that count service hours'],
  calendar: ['日历', 'Calendar'],
  serviceHoursLeft: ['剩余工作时间', 'Service hours left'],
  elapsed: ['自然时间', 'Elapsed time'],
};
