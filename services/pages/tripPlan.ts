/**
 * The engineer plans a trip on the page (R-PARTS-1, R-VISIT-2; 001 §5.3.6–5.3.7): the region, the
 * warehouse, the dates, the requests it serves, for each request the catalogue's parts that fit its unit,
 * the standard kit every trip carries (pre-filled, one of each) and the tools. It sends `POST /trips`.
 */
import type { RequestSummary } from '../../shared/serviceRequest/readModel';
import type { Choice } from '../serviceRequest/partsForUnit';
import { t, type Lang } from './i18n';
import { apiForm, html, type Html } from './layout';
import { partPick } from './tripParts';

export interface TripPlanData {
  regions: string[];
  warehouses: { warehouseId: string; name?: string; region?: string }[];
  jobs: { job: RequestSummary; parts: Choice[] }[];
  kit: { partNo: string; name: string }[];
}

/** 001 §5.3.7: the common tools every trip takes. */
const COMMON_TOOLS = ['4½-digit multimeter', 'needle-nose pliers', 'screwdrivers (+/−)', 'wire cutters', '6" wrench'];

function partsOf(lang: Lang, job: RequestSummary, parts: Choice[]): Html {
  return html`<fieldset class="trip-parts" data-request="${job.requestNo}">
    <legend>${t(lang, 'partsFor')}${job.requestNo} · ${job.customerName ?? job.customerId}</legend>
    ${
      parts.length
        ? html`<table class="picker">
            <tbody>
              ${parts.map(
                (p) =>
                  html`<tr data-code="${p.code}">
                    <td>${p.name}<br /><small>${p.code}</small></td>
                    <td>${p.warrantyDays ? `${p.warrantyDays} d` : ''}</td>
                    <td>${partPick('lines', p.code, p.name, { requestNo: job.requestNo })}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${t(lang, 'nothing')}</p>`
    }
  </fieldset>`;
}

export function tripPlanPage(lang: Lang, d: TripPlanData): Html {
  const L = (k: string) => t(lang, k);
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return html`<section class="card">
    ${apiForm(
      'POST /trips',
      html`<label
          >${L('region')}
          <select name="region" required>
            ${d.regions.map((r) => html`<option>${r}</option>`)}
          </select></label
        >
        <label
          >${L('warehouse')}
          <select name="warehouseId" required>
            ${d.warehouses.map((w) => html`<option value="${w.warehouseId}">${w.name ?? w.warehouseId} (${w.warehouseId})</option>`)}
          </select></label
        >
        <label
          >${L('plannedStart')}
          <input type="datetime-local" name="plannedStart" data-type="datetime" required value="${day(1)}T08:00"
        /></label>
        <label
          >${L('plannedEnd')}
          <input type="datetime-local" name="plannedEnd" data-type="datetime" required value="${day(3)}T18:00"
        /></label>
        <label
          >${L('tripRequests')}
          <select name="requestNos" multiple data-type="multi">
            ${d.jobs.map(({ job }) => html`<option value="${job.requestNo}">${job.requestNo} · ${job.region}</option>`)}
          </select></label
        >
        ${d.jobs.map(({ job, parts }) => partsOf(lang, job, parts))}
        <fieldset class="trip-kit">
          <legend>${L('standardKit')}</legend>
          <table class="picker">
            <tbody>
              ${d.kit.map(
                (k) =>
                  html`<tr data-code="${k.partNo}">
                    <td>${k.name}<br /><small>${k.partNo}</small></td>
                    <td>${partPick('lines', k.partNo, k.name, { value: 1 })}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </fieldset>
        <label
          >${L('tools')} <textarea name="tools" data-type="textlines">${COMMON_TOOLS.join('\n')}</textarea>
        </label>`,
      L('submitRequisition'),
      { name: 'plan-trip', goto: '/app/engineer/trips/', 'goto-field': 'tripId' },
    )}
  </section>`;
}
