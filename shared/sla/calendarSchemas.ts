/** Business calendars as data (R-SLA-6): the admin's DTO, checked so every calendar can count a deadline. */
import { text, z } from '../common/schemaParts';
import { WEEKDAYS } from './types';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a local time HH:MM, 00:00 to 24:00');
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
const dayHours = z
  .array(z.strictObject({ from: hhmm, to: hhmm }))
  .max(4)
  .refine((hs) => hs.every((h) => minutes(h.from) < minutes(h.to)), 'each stretch of hours ends after it starts')
  .refine(
    (hs) => hs.every((h, i) => i === 0 || minutes(hs[i - 1].to) <= minutes(h.from)),
    'stretches of a day are in order and do not overlap',
  );
const day = z.iso.date();
const weekday = z.enum(WEEKDAYS);

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const calendarSchema = z
  .strictObject({
    name: text(120),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai')
      .openapi({ example: 'Asia/Shanghai' }),
    week: z
      .strictObject(
        Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours])) as Record<(typeof WEEKDAYS)[number], typeof dayHours>,
      )
      .openapi({
        description: 'service hours per weekday (mon … sun), local time; a day without hours is closed',
      }),
    holidays: z
      .array(z.strictObject({ date: day, name: text(80).optional() }))
      .max(400)
      .default([]),
    workingDays: z
      .array(z.strictObject({ date: day, name: text(80).optional(), hoursOf: weekday.optional() }))
      .max(100)
      .default([])
      .openapi({ description: '调休: make-up working days, served with the hours of `hoursOf` (default mon)' }),
  })
  .refine((c) => WEEKDAYS.some((d) => c.week[d].length > 0), {
    message: 'at least one weekday has service hours',
    path: ['week'],
  })
  .refine((c) => !c.workingDays.some((w) => c.holidays.some((h) => h.date === w.date)), {
    message: 'a day is either a holiday or a make-up working day, not both',
    path: ['workingDays'],
  })
  .refine((c) => c.workingDays.every((w) => c.week[w.hoursOf ?? 'mon'].length > 0), {
    message: 'a make-up working day takes the hours of a weekday that has service hours',
    path: ['workingDays'],
  })
  .openapi('BusinessCalendar');
export const calendarKeySchema = z
  .string()
  .regex(/^[a-z0-9-]{2,40}$/, 'lower-case letters, digits and -, 2 to 40 characters');
export const calendarParamSchema = z.strictObject({ key: calendarKeySchema });

export type CalendarInput = z.infer<typeof calendarSchema>;
