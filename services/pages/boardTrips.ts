/**
 * The supervisor's part of a trip on the dispatcher's board (R-PARTS-1/2; 001 §5.3.6, §5.6.2): approve a
 * requisition in full, issue what is in stock, or reject it with the reason; and write off a unit that did
 * not come back, with the reason. Each form sends the trip API (`POST /trips/{id}/approve|write-off`).
 */
import type { TripLine } from '../../shared/fieldTrip/types';
import { t, type Lang } from './i18n';
import { apiForm, html, time, type Html } from './layout';

export interface TripToDecide {
  tripId: string;
  engineerId: string;
  region: string;
  status: string;
  plannedStart: string;
  plannedEnd: string;
  lines: TripLine[];
  missing?: { partNo: string; quantity: number }[];
}

function decision(lang: Lang, tr: TripToDecide): Html {
  const L = (k: string) => t(lang, k);
  const at = `POST /trips/${tr.tripId}/approve`;
  if (tr.status === 'reconciling')
    return html`${(tr.missing ?? []).map((m) =>
      apiForm(
        `POST /trips/${tr.tripId}/write-off`,
        html`<input type="hidden" name="partNo" value="${m.partNo}" />
          <label
            >${m.partNo} · ${L('missing')} ${m.quantity}
            <input type="number" name="quantity" data-type="number" min="1" max="${m.quantity}" value="${m.quantity}"
          /></label>
          <input name="reason" required placeholder="${L('reason')}" />`,
        L('writeOff'),
        { name: 'write-off' },
      ),
    )}`;
  if (tr.status !== 'awaiting_approval') return html`<small>${L(tr.status)}</small>`;
  return html`${apiForm(
    at,
    html`<input type="hidden" name="approve" data-type="bool" value="true" />
      <select name="mode">
        <option value="wait">${L('waitForStock')}</option>
        <option value="partial">${L('issueInPart')}</option>
      </select>`,
    L('approveAll'),
    { name: 'approve-trip' },
  )}${apiForm(
    at,
    html`<input type="hidden" name="approve" data-type="bool" value="false" /><input
        name="reason"
        required
        placeholder="${L('reason')}"
      />`,
    L('rejectTrip'),
    { name: 'reject-trip' },
  )}`;
}

export function tripsToDecide(lang: Lang, trips: TripToDecide[]): Html {
  const L = (k: string) => t(lang, k);
  return html`<section class="card trips-to-decide">
    <h2>${L('tripsToDecide')}</h2>
    ${
      trips.length
        ? html`<ul>
            ${trips.map(
              (tr) =>
                html`<li data-trip="${tr.tripId}">
                  <strong>${tr.tripId}</strong> · ${tr.engineerId} · ${tr.region} · ${L(tr.status)}<br /><small
                    >${time(tr.plannedStart)} – ${time(tr.plannedEnd)} ·
                    ${tr.lines.map((l) => `${l.quantity} × ${l.partNo}${l.requestNo ? ` (${l.requestNo})` : ''}`).join(', ')}</small
                  >
                  ${decision(lang, tr)}
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">${L('nothing')}</p>`
    }
  </section>`;
}
