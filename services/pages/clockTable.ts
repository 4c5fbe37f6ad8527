/**
 * What the request and complaint pages share: the SLA clocks as a table, each with its live countdown (ticked
 * by the page script), and the history, newest first.
 */
import type { HistoryEntry } from '../../shared/common/records';
import { clockState } from '../../shared/sla/clocks';
import { countedBusinessMs } from '../../shared/sla/calendar';
import type { BusinessCalendar, SlaClock } from '../../shared/sla/types';
import { actionLabel, t, type Lang } from './i18n';
import { businessHoursBadge, countdown, html, time, type Html } from './layout';

export function clockTable(lang: Lang, clocks: SlaClock[] | undefined, calendar?: BusinessCalendar): Html {
  if (!clocks?.length) return html`<p class="muted">${t(lang, 'nothing')}</p>`;
  const now = Date.now();
  // R-SLA-6: a clock on the calendar says so, with the service hours it has left (they stand still when closed).
  const business = (c: SlaClock) => {
    if (!c.calendar || !calendar) return '';
    const left = Math.max(0, c.budgetMs - countedBusinessMs(calendar, c, c.stoppedAt ? Date.parse(c.stoppedAt) : now));
    const h = Math.floor(left / 3_600_000);
    const m = Math.floor((left % 3_600_000) / 60_000);
    return html`${businessHoursBadge(lang, calendar.name)}
      <span class="business-left" data-left-ms="${left}">${t(lang, 'serviceHoursLeft')}: ${h} h ${m} min</span>`;
  };
  const row = (c: SlaClock) => {
    const state = clockState(c);
    const live = !c.stoppedAt && c.deadline;
    return html`<tr data-clock="${c.name}" data-state="${state}">
      <td>${c.name}</td>
      <td class="state">${t(lang, state)}</td>
      <td>${live ? countdown(lang, c.deadline!, state) : ''} ${time(c.deadline ?? c.stoppedAt)} ${business(c)}</td>
    </tr>`;
  };
  return html`<table class="clocks">
    <thead>
      <tr>
        <th>${t(lang, 'clock')}</th>
        <th>${t(lang, 'state')}</th>
        <th>${t(lang, 'deadline')}</th>
      </tr>
    </thead>
    <tbody>
      ${clocks.map(row)}
    </tbody>
  </table>`;
}

/** Who did what when, newest first (at most `limit` entries). */
export const historyList = (entries: HistoryEntry[], limit = 200): Html =>
  html`<ol class="history">
    ${[...entries]
      .reverse()
      .slice(0, limit)
      .map(
        (h) =>
          html`<li data-action="${h.action}">
            ${time(h.at)} · <strong>${actionLabel(h.action)}</strong> · ${h.actor.role} ${h.actor.id}
          </li>`,
      )}
  </ol>`;
