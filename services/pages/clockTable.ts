/** The SLA clocks of a request or complaint as a table, each with its live countdown (ticked by the page script). */
import type { SlaClock } from '../../shared/sla/types';
import { t, type Lang } from './i18n';
import { html, time, type Html } from './layout';

const stateOf = (c: SlaClock) =>
  c.stoppedAt
    ? (c.outcome ?? 'met')
    : c.pauses.some((p) => !p.to)
      ? 'paused'
      : c.breachedAt
        ? 'breached'
        : c.warnedAt
          ? 'warning'
          : 'running';

export function clockTable(lang: Lang, clocks: SlaClock[] | undefined): Html {
  if (!clocks?.length) return html`<p class="muted">${t(lang, 'nothing')}</p>`;
  const row = (c: SlaClock) => {
    const state = stateOf(c);
    const live = !c.stoppedAt && c.deadline;
    return html`<tr data-clock="${c.name}" data-state="${state}">
      <td>${c.name}</td>
      <td class="state">${t(lang, state)}</td>
      <td>
        ${
          live
            ? html`<span
                class="countdown"
                data-deadline="${c.deadline}"
                data-state="${state}"
                data-paused-label="${t(lang, 'paused')}"
                data-breached-label="${t(lang, 'breached')}"
              ></span>`
            : ''
        }
        ${time(c.deadline ?? c.stoppedAt)}
      </td>
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
