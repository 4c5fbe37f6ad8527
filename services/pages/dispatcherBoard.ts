/**
 * The dispatcher's board (R-DISPATCH-1..4, R-SLA-4/5): the supervisor queue (offers nobody accepted)
 * on top, open requests by the nearest SLA deadline with a live countdown, filters, engineers' lanes
 * for today and the next days with appointments and trips, and assign/reschedule with the reason the
 * API requires. Rows come from the open-work projection (the same list the API serves).
 */
import type { RequestSummary } from '../../shared/serviceRequest/readModel';
import { statusLabel, t, type Lang } from './i18n';
import { apiForm, businessHoursBadge, countdown, html, time, windowFields, type Html } from './layout';
import { allowanceApprovals } from './boardAllowance';
import { tripsToDecide, type TripToDecide } from './boardTrips';

export interface Lane {
  engineerId: string;
  name: string;
  appointments: { requestNo: string; start: string }[];
  trips: { tripId: string; plannedStart: string; plannedEnd: string; status: string }[];
}
export interface BoardData {
  lang: Lang;
  rows: RequestSummary[];
  queue: RequestSummary[];
  engineers: { engineerId: string; name: string; regions: string[] }[];
  lanes: Lane[];
  trips: TripToDecide[];
  filters: { region?: string; status?: string; engineerId?: string; breached?: string };
  regions: string[];
}

/** The countdown cell of a row: to its nearest deadline, paused while it waits on someone. */
const deadlineCell = (r: RequestSummary, lang: Lang) =>
  r.nextDeadline
    ? html`${countdown(lang, r.nextDeadline, r.waitingOn ? 'paused' : r.slaBreached ? 'breached' : 'running', r.waitingOn)}
      ${r.nextDeadlineCalendar ? businessHoursBadge(lang, r.nextDeadlineCalendar) : ''}`
    : html`–`;

function row(r: RequestSummary, d: BoardData): Html {
  const L = (k: string) => t(d.lang, k);
  const options = d.engineers
    .filter((e) => !r.region || e.regions.includes(r.region))
    .map((e) => html`<option value="${e.engineerId}">${e.name} (${e.engineerId})</option>`);
  return html`<tr
    data-request="${r.requestNo}"
    data-version="${r.version}"
    class="${r.slaBreached ? 'is-breached' : ''}"
  >
    <td>
      <strong>${r.requestNo}</strong><br /><small>${r.customerName ?? r.customerId} · ${r.region} · ${r.urgency}</small>
    </td>
    <td>
      ${statusLabel(d.lang, r.status)}${r.waitingOn ? html`<br /><small>${L('paused')}: ${r.waitingOn}</small>` : ''}
    </td>
    <td>${deadlineCell(r, d.lang)}<br /><small>${time(r.nextDeadline)}</small></td>
    <td class="engineer">
      ${r.engineerId ?? '–'}${r.appointmentStart ? html`<br /><small>${time(r.appointmentStart)}</small>` : ''}
    </td>
    <td>
      <details>
        <summary>${L('assign')}</summary>
        ${apiForm(
          `POST /requests/${r.requestNo}/assign`,
          html`<select name="engineerId" required>
              ${options}</select
            ><input name="reason" required placeholder="${L('reason')}" /><input
              name="uncertifiedReason"
              data-optional
              placeholder="${L('uncertifiedReason')}"
            />`,
          L('assign'),
          { 'wait-request': r.requestNo, 'wait-version': String(r.version), name: 'assign' },
        )}
      </details>
      ${
        r.status === 'scheduled' || r.status === 'assigned'
          ? html`<details>
              <summary>${L('reschedule')}</summary>
              ${apiForm(
                `POST /requests/${r.requestNo}/appointment`,
                windowFields(d.lang, 'agree', r.status === 'scheduled'),
                L('reschedule'),
                { 'wait-request': r.requestNo, 'wait-version': String(r.version), name: 'reschedule' },
              )}
              ${apiForm(
                `POST /requests/${r.requestNo}/appointment/proposal`,
                windowFields(d.lang, 'propose', r.status === 'scheduled'),
                L('propose'),
                { 'wait-request': r.requestNo, 'wait-version': String(r.version), name: 'propose' },
              )}
            </details>`
          : ''
      }
    </td>
  </tr>`;
}

function table(rows: RequestSummary[], d: BoardData, cls: string): Html {
  const L = (k: string) => t(d.lang, k);
  if (!rows.length) return html`<p class="muted">${L('nothing')}</p>`;
  return html`<table class="board ${cls}">
    <thead>
      <tr>
        <th>${L('request')}</th>
        <th>${L('status')}</th>
        <th>${L('deadline')}</th>
        <th>${L('engineer')}</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${rows.map((r) => row(r, d))}
    </tbody>
  </table>`;
}

export function dispatcherBoard(d: BoardData): Html {
  const L = (k: string) => t(d.lang, k);
  const f = d.filters;
  const opt = (value: string, label: string, current?: string) =>
    html`<option value="${value}" ${value === (current ?? '') ? html` selected` : ''}>${label}</option>`;
  return html` <section class="card queue">
      <h2>${L('supervisorQueue')}</h2>
      ${table(d.queue, d, 'supervisor-queue')}
    </section>
    <form class="filters" method="get">
      <label
        >${L('region')}
        <select name="region">
          ${opt('', L('all'), f.region)}${d.regions.map((r) => opt(r, r, f.region))}
        </select></label
      >
      <label
        >${L('status')}
        <select name="status">
          ${opt('', L('all'), f.status)}${['offered', 'assigned', 'scheduled', 'on_site', 'diagnosed', 'awaiting_approval', 'repairing', 'work_done'].map((s) => opt(s, statusLabel(d.lang, s), f.status))}
        </select></label
      >
      <label
        >${L('engineer')}
        <select name="engineerId">
          ${opt('', L('all'), f.engineerId)}${d.engineers.map((e) => opt(e.engineerId, e.name, f.engineerId))}
        </select></label
      >
      <label class="check"
        ><input type="checkbox" name="breached" value="true" ${f.breached === 'true' ? html` checked` : ''} />
        ${L('breachedOnly')}</label
      >
      <button type="submit">${L('filter')}</button>
    </form>
    <p><a class="planner-link" href="/app/maintenance">${L('maintenancePlanner')}</a></p>
    <section class="card">
      <h2>${L('board')}</h2>
      ${table(d.rows, d, 'open-requests')}
    </section>
    ${allowanceApprovals(d.lang, d.rows)} ${tripsToDecide(d.lang, d.trips)}
    <section class="card">
      <h2>${L('lanes')}</h2>
      <div class="lanes">
        ${d.lanes.map(
          (l) =>
            html`<div class="lane" data-engineer="${l.engineerId}">
              <h3>${l.name}</h3>
              <ul>
                ${l.appointments.map((a) => html`<li>${time(a.start)} · ${a.requestNo}</li>`)}
                ${l.trips.map((tr) => html`<li class="trip">🚐 ${tr.tripId} · ${tr.plannedStart} → ${tr.plannedEnd} (${tr.status})</li>`)}
                ${l.appointments.length + l.trips.length ? '' : html`<li class="muted">${L('nothing')}</li>`}
              </ul>
            </div>`,
        )}
      </div>
    </section>`;
}
