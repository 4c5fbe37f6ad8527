/**
 * The trip sheet on the engineer's phone (R-PARTS-1..5, R-VISIT-2, R-VISIT-4; 001 §5.3.6, §5.4.6,
 * §5.6.2): the supervisor's decision on the requisition, where every part is (van stock), and the step
 * the trip is in — depart, parts used per request, another request, the leaving-region check with the
 * work nearby, and the end with what comes back and the faulty modules. Each form sends the trip API.
 */
import type { TripPart, TripView } from '../../shared/fieldTrip/types';
import { t, type Lang } from './i18n';
import { apiForm, html, time, type Html } from './layout';
import { oldPartOptions, partPick } from './tripParts';

/** What is still in the van of one part: carried less everything accounted for. */
export const inVan = (p: TripPart) => p.carried - p.consumed - p.returned - p.faulty - p.writtenOff;

function custody(lang: Lang, v: TripView): Html {
  const L = (k: string) => t(lang, k);
  return html`<table class="custody">
    <thead>
      <tr>
        <th>${L('part')}</th>
        <th>${L('requested')}</th>
        <th>${L('carried')}</th>
        <th>${L('consumed')}</th>
        <th>${L('returnedQty')}</th>
        <th>${L('faulty')}</th>
        <th>${L('writtenOff')}</th>
        <th>${L('inVanNow')}</th>
      </tr>
    </thead>
    <tbody>
      ${v.parts.map(
        (p) =>
          html`<tr data-part="${p.partNo}">
            <td>${p.partNo}</td>
            <td>${p.requested}</td>
            <td>${p.carried}</td>
            <td>${p.consumed}</td>
            <td>${p.returned}</td>
            <td>${p.faulty}</td>
            <td>${p.writtenOff}</td>
            <td class="in-van">${inVan(p)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const options = (values: string[], empty = false) =>
  html`${empty ? html`<option value=""></option>` : ''}${values.map((v) => html`<option>${v}</option>`)}`;

function consumption(lang: Lang, v: TripView): Html {
  const L = (k: string) => t(lang, k);
  const van = v.parts.filter((p) => inVan(p) > 0).map((p) => p.partNo);
  return apiForm(
    `POST /trips/${v.tripId}/consumption`,
    html`<label
        >${L('request')}
        <select name="requestNo" required>
          ${options(v.requests)}
        </select></label
      >
      <label
        >${L('part')}
        <select name="partNo" required>
          ${options(van)}
        </select></label
      >
      <label>${L('qty')} <input type="number" name="quantity" data-type="number" min="1" value="1" required /></label>
      <label
        >${L('oldPart')}
        <select name="oldPart">
          ${oldPartOptions(lang)}
        </select></label
      >
      <label>${L('symptoms')} <input name="symptom" data-optional /></label>`,
    L('consume'),
    { name: 'consumption' },
  );
}

function tripEnd(lang: Lang, v: TripView): Html {
  const L = (k: string) => t(lang, k);
  const back = v.consumptions.filter((c) => c.oldPart === 'returned');
  return apiForm(
    `POST /trips/${v.tripId}/end`,
    html`<p>${L('returnedQty')}</p>
      ${v.parts.map(
        (p) => html`<label>${p.partNo} ${partPick('returned', p.partNo, p.partNo, { value: inVan(p) })}</label>`,
      )}
      <fieldset>
        <legend>${L('faultyFound')}</legend>
        <select name="faulty[0].partNo" data-optional>
          ${options(
            v.parts.map((p) => p.partNo),
            true,
          )}
        </select>
        <input
          type="number"
          name="faulty[0].quantity"
          data-type="number"
          data-optional
          min="1"
          placeholder="${L('qty')}"
        />
        <select name="faulty[0].requestNo" data-optional>
          ${options(v.requests, true)}
        </select>
        <input name="faulty[0].symptom" data-optional placeholder="${L('symptoms')}" />
      </fieldset>
      ${
        back.length
          ? html`<fieldset>
              <legend>${L('oldPartsBack')}</legend>
              ${back.map(
                (c, i) =>
                  html`<input type="hidden" name="oldParts[${i}].requestNo" value="${c.requestNo}" /><input
                      type="hidden"
                      name="oldParts[${i}].partNo"
                      value="${c.partNo}"
                    /><label
                      >${c.requestNo} · ${c.partNo}
                      <input name="oldParts[${i}].symptom" required value="${c.symptom ?? ''}"
                    /></label>`,
              )}
            </fieldset>`
          : ''
      }`,
    L('endTrip'),
    { name: 'end-trip' },
  );
}

function stepsOf(lang: Lang, v: TripView, myJobs: string[]): Html {
  const L = (k: string) => t(lang, k);
  const at = (p: string) => `POST /trips/${v.tripId}/${p}`;
  if (v.status === 'reserved') return apiForm(at('depart'), html``, L('depart'), { name: 'depart' });
  if (v.status !== 'on_trip') return html``;
  const others = myJobs.filter((no) => !v.requests.includes(no));
  return html`${v.requests.length ? consumption(lang, v) : ''}
  ${
    others.length
      ? apiForm(
          at('requests'),
          html`<select name="requestNo">
            ${options(others)}
          </select>`,
          L('attachRequest'),
          { name: 'attach-request' },
        )
      : ''
  }
  ${apiForm(at('leaving-region'), html``, L('leavingRegion'), { name: 'leaving-region' })} ${tripEnd(lang, v)}`;
}

export function tripSheetPage(lang: Lang, v: TripView, myJobs: string[]): Html {
  const L = (k: string) => t(lang, k);
  const r = v.requisition;
  return html`<section class="card summary" data-trip="${v.tripId}" data-status="${v.status}">
      <p class="status trip-status">${L(v.status)}</p>
      <dl>
        <dt>${L('region')}</dt>
        <dd>${v.region} · ${v.warehouseId}</dd>
        <dt>${L('planned')}</dt>
        <dd>${time(v.plannedStart)} – ${time(v.plannedEnd)}</dd>
        <dt>${L('requisition')}</dt>
        <dd class="requisition">
          ${L(r.status)}${r.mode ? ` · ${r.mode}` : ''}${r.decidedBy ? ` · ${r.decidedBy}` : ''}${r.reason ? ` · ${r.reason}` : ''}
          ${(r.shortfall ?? []).map((s) => html`<br /><small>${L('shortfall')}: ${s.partNo} × ${s.missing}</small>`)}
        </dd>
        <dt>${L('tools')}</dt>
        <dd>${v.tools.join(', ')}</dd>
        <dt>${L('tripRequests')}</dt>
        <dd>${v.requests.map((no) => html`<a href="/app/engineer/${no}">${no}</a> `)}</dd>
      </dl>
    </section>
    <section class="card">
      <h2>${L('custody')}</h2>
      ${custody(lang, v)}
      ${
        v.missing.length
          ? html`<p class="missing">
              ${L('missing')}: ${v.missing.map((m) => `${m.partNo} × ${m.quantity}`).join(', ')}
            </p>`
          : ''
      }
    </section>
    <section class="card steps">${stepsOf(lang, v, myJobs)}</section>
    ${
      v.nearby?.length
        ? html`<section class="card nearby">
            <h2>${L('nearbyWork')}</h2>
            <ul>
              ${v.nearby.map((n) => html`<li>${n.requestNo} · ${n.status} · ${n.urgency} · ${n.siteAddress ?? ''}</li>`)}
            </ul>
          </section>`
        : ''
    }
    <section class="card">
      <h2>${L('documents')}</h2>
      <a class="doc" href="/api/v1/trips/${v.tripId}/documents/trip-report">${L('tripReport')} (PDF)</a>
    </section>`;
}
