/**
 * Quality staff's queues beside the improvement board: returned modules waiting for their inspection
 * finding (R-PARTS-5), each recorded through POST /quality-inspections/{id}/finding (optionally opening
 * an improvement action), and complaints under investigation, which open on the complaint page.
 */
import { RESPONSIBLE_PARTIES } from '../../shared/fieldTrip/schemas';
import { t, type Lang } from './i18n';
import { apiForm, html, time, type Html } from './layout';
import type { ComplaintRow } from './agentQueues';

export interface InspectionRow {
  _id: string;
  requestNo?: string | null;
  tripId?: string | null;
  partNo?: string | null;
  symptom?: string | null;
  origin?: string | null;
  createdAt?: Date | null;
}

export function qualityQueues(lang: Lang, inspections: InspectionRow[], complaints: ComplaintRow[]): Html {
  const L = (k: string) => t(lang, k);
  const inspection = (i: InspectionRow) =>
    html`<li data-inspection="${i._id}">
      <strong>${i.partNo ?? ''}</strong> · ${i.requestNo ?? ''} · ${i.tripId ?? ''} · ${i.origin ?? ''} ·
      ${i.symptom ?? ''} · ${time(i.createdAt?.toISOString())}
      ${apiForm(
        `POST /quality-inspections/${i._id}/finding`,
        html`<label>${L('finding')} <textarea name="finding" required rows="2"></textarea></label>
          <label
            >${L('responsibleParty')}
            <select name="responsibleParty" data-optional>
              <option value=""></option>
              ${RESPONSIBLE_PARTIES.map((p) => html`<option value="${p}">${p}</option>`)}
            </select></label
          >
          <label
            >${L('improvementNeeded')} <input name="improvement.title" data-optional placeholder="${L('what')}"
          /></label>
          <input name="improvement.ownerId" data-optional placeholder="${L('owner')}" />`,
        L('recordFinding'),
      )}
    </li>`;
  const complaint = (c: ComplaintRow) =>
    html`<li data-complaint="${c.complaintNo}">
      <a href="/app/complaints/${c.complaintNo}"><strong>${c.complaintNo}</strong></a> · ${c.status} ·
      ${c.category ?? ''} · ${c.customerName ?? ''} · ${time(c.nextDeadline)}
    </li>`;
  return html`<section class="card">
      <h2>${L('inspections')}</h2>
      ${
        inspections.length
          ? html`<ul class="inspections">
              ${inspections.map(inspection)}
            </ul>`
          : html`<p class="muted">${L('nothing')}</p>`
      }
    </section>
    <section class="card">
      <h2>${L('toInvestigate')}</h2>
      ${
        complaints.length
          ? html`<ul class="queue">
              ${complaints.map(complaint)}
            </ul>`
          : html`<p class="muted">${L('nothing')}</p>`
      }
    </section>`;
}
