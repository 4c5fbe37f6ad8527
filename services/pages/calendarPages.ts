/**
 * The administrator's business calendars (R-SLA-6): each calendar's time zone, weekly service hours,
 * holidays and make-up working days (调休), with its versions; publishing sends the whole calendar
 * (PUT /calendars/{key}): a new version, for new requests only. A new calendar takes its key from the form.
 */
import type { BusinessCalendar } from '../../shared/sla/types';
import { WEEKDAYS } from '../../shared/sla/types';
import { t, type Lang } from './i18n';
import { apiForm, html, type Html } from './layout';

const spans = (hs: { from: string; to: string }[] = []) => hs.map((h) => `${h.from}-${h.to}`).join(', ');
const lines = (days: { date: string; name?: string; hoursOf?: string }[] = []) =>
  days.map((d) => [d.date, d.name, d.hoursOf].filter(Boolean).join(' ')).join('\n');

function calendarFields(lang: Lang, c?: BusinessCalendar): Html {
  const L = (k: string) => t(lang, k);
  return html`<label>name <input name="name" required value="${c?.name ?? ''}" /></label>
    <label>${L('timeZone')} <input name="timeZone" required value="${c?.timeZone ?? 'Asia/Shanghai'}" /></label>
    <fieldset class="week">
      <legend>${L('weekHours')}</legend>
      ${WEEKDAYS.map(
        (d) =>
          html`<label
            >${d}
            <input
              name="week.${d}"
              data-type="hourspans"
              value="${c ? spans(c.week[d]) : ['sat', 'sun'].includes(d) ? '' : '09:00-18:00'}"
          /></label>`,
      )}
    </fieldset>
    <label
      >${L('holidays')}
      <textarea name="holidays" data-type="datelines" rows="4">${lines(c?.holidays)}</textarea>
    </label>
    <label
      >${L('workingDays')}
      <textarea name="workingDays" data-type="datelines" rows="3">${lines(c?.workingDays)}</textarea>
    </label>`;
}

export function calendarsSection(lang: Lang, calendars: { calendar: BusinessCalendar; versions: number }[]): Html {
  const L = (k: string) => t(lang, k);
  const one = ({ calendar: c, versions }: { calendar: BusinessCalendar; versions: number }) =>
    html`<section class="card calendar" data-calendar="${c.key}" data-version="${c.version}">
      <h3>${c.key} · v${c.version} <span class="muted">(${versions} ${L('versions')})</span></h3>
      ${apiForm(`PUT /calendars/${c.key}`, calendarFields(lang, c), L('publish'), { step: `calendar-${c.key}` })}
    </section>`;
  const fresh = html`<label
      >${L('calendarKey')} <input name="key" data-path required pattern="[a-z0-9-]{2,40}" placeholder="cn-workweek"
    /></label>
    ${calendarFields(lang)}`;
  return html`<section class="card calendars">
    <h2>${L('calendars')}</h2>
    ${calendars.map(one)}
    <details class="new-calendar">
      <summary>${L('newCalendar')}</summary>
      ${apiForm('PUT /calendars/{key}', fresh, L('publish'), { step: 'calendar-new' })}
    </details>
  </section>`;
}
