/**
 * What the request and complaint pages share: the SLA clocks as a table, each with its live countdown (ticked
 * by the page script), and the history, newest first.
 */
import type { HistoryEntry } from '../../shared/common/records';
import { clockState } from '../../shared/sla/clocks';
import type { SlaClock } from '../../shared/sla/types';
import { actionLabel, t, type Lang } from './i18n';
import { countdown, html, time, type Html } from './layout';

export function clockTable(lang: Lang, clocks: SlaClock[] | undefined): Html {
  if (!clocks?.length) return html`<p class="muted">${t(lang, 'nothing')}</p>`;
  const row = (c: SlaClock) => {
    const state = clockState(c);
    const live = !c.stoppedAt && c.deadline;
    return html`<tr data-clock="${c.name}" data-state="${state}">
      <td>${c.name}</td>
      <td class="state">${t(lang, state)}</td>
      <td>${live ? countdown(lang, c.deadline!, state) : ''} ${time(c.deadline ?? c.stoppedAt)}</td>
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
