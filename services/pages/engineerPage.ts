/**
 * The engineer's pages, mobile first (R-DISPATCH-2/3, R-VISIT-1..6, R-QUOTE-1/2): my offers and my jobs,
 * then one work order with the unit's earlier requests and the step that is due now — accept or
 * decline, agree the window, check in, diagnosis, checklist, quotation, work, support, another visit,
 * and the customer's signature on this device. Each form calls the same API the engineer's app would.
 */
import { componentsSection, type ComponentLine } from './componentsView';
import type { RequestSummary } from '../../shared/serviceRequest/readModel';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import type { EarlierRequest } from '../../shared/storage/unitRequestLog';
import { statusLabel, t, type Lang } from './i18n';
import { html, time, type Html } from './layout';
import { attachmentsSection } from './attachmentsView';
import { stepSets, type Choices } from './visitSteps';

const ENDED = ['closed', 'cancelled', 'aborted'];

export interface TripRow {
  tripId: string;
  plannedStart: string;
  plannedEnd: string;
  status: string;
}

export function engineerHome(
  lang: Lang,
  offers: RequestSummary[],
  jobs: RequestSummary[],
  trips: TripRow[] = [],
): Html {
  const L = (k: string) => t(lang, k);
  const item = (r: RequestSummary) =>
    html`<li class="job" data-request="${r.requestNo}">
      <a href="/app/engineer/${r.requestNo}"
        ><strong>${r.requestNo}</strong> · ${statusLabel(lang, r.status)}<br /><small
          >${r.customerName ?? r.customerId} ·
          ${r.region}${r.appointmentStart ? html` · ${time(r.appointmentStart)}` : ''}</small
        ></a
      >
    </li>`;
  const list = (rows: RequestSummary[], cls: string) =>
    rows.length
      ? html`<ul class="${cls}">
          ${rows.map(item)}
        </ul>`
      : html`<p class="muted">${L('nothing')}</p>`;
  return html`<section class="card">
      <h2>${L('myOffers')}</h2>
      ${list(offers, 'offers')}
    </section>
    <section class="card">
      <h2>${L('myJobs')}</h2>
      ${list(jobs, 'jobs')}
    </section>
    <section class="card">
      <h2>${L('myTrips')}</h2>
      <ul class="trips">
        ${trips.map(
          (tr) =>
            html`<li class="trip" data-trip="${tr.tripId}">
              <a href="/app/engineer/trips/${tr.tripId}"
                ><strong>${tr.tripId}</strong> · ${L(tr.status)}<br /><small
                  >${time(tr.plannedStart)} – ${time(tr.plannedEnd)}</small
                ></a
              >
            </li>`,
        )}
      </ul>
      <a class="button" href="/app/engineer/trips/new">${L('planTrip')}</a>
    </section>`;
}

export function workOrderPage(
  v: ServiceRequestView,
  me: string,
  earlier: EarlierRequest[],
  lang: Lang,
  choices: Choices = { parts: [], services: [] },
  tripId?: string,
  components: ComponentLine[] = [],
): Html {
  const L = (k: string) => t(lang, k);
  const a = v.appointment;
  return html`<section class="card summary" data-request="${v.requestNo}">
      <h2 class="request-no">${v.requestNo}</h2>
      <p class="status status-${v.status}">${statusLabel(lang, v.status)}</p>
      ${tripId ? html`<p class="on-trip"><a href="/app/engineer/trips/${tripId}">${L('onTripWith')}${tripId}</a></p>` : ''}
      <dl>
        <dt>${L('customer')}</dt>
        <dd>
          ${v.customerName ?? v.intake.customerId} · ${v.intake.contactName}
          <a href="tel:${v.intake.contactPhone}">${v.intake.contactPhone}</a>
        </dd>
        <dt>${L('site')}</dt>
        <dd>${v.intake.siteAddress}</dd>
        <dt>${L('unit')}</dt>
        <dd>${v.unit ? `${v.unit.model} · ${v.unit.serialNumber}` : v.intake.serialNumber}</dd>
        <dt>${L('fault')}</dt>
        <dd>${v.intake.fault.symptoms}</dd>
        <dt>${L('appointment')}</dt>
        <dd>${a ? html`${time(a.windowStart)} – ${time(a.windowEnd)}` : '–'}</dd>
      </dl>
    </section>
    <section class="card steps">${stepSets(v, me, lang, choices, tripId)}</section>
    ${componentsSection(lang, v.requestNo, v.status, v.engineerId === me, v.intake.assetId, components)}
    ${attachmentsSection(v.requestNo, v.attachments ?? [], lang, {
      canAttach: v.engineerId === me && !ENDED.includes(v.status),
    })}
    <section class="card">
      <h2>${L('earlier')}</h2>
      ${
        earlier.length
          ? html`<ul>
              ${earlier.map((e) => html`<li>${e.requestNo} · ${time(e.receivedAt)} · ${e.resolution ?? e.status}</li>`)}
            </ul>`
          : html`<p class="muted">${L('nothing')}</p>`
      }
    </section>
    <section class="card">
      <h2>${L('documents')}</h2>
      <ul>
        ${[
          'service-registration',
          'service-confirmation',
          'settlement-statement',
          ...(v.commissioning?.record ? ['commissioning-report'] : []),
        ].map(
          (d) => html`<li><a class="doc" href="/api/v1/requests/${v.requestNo}/documents/${d}">${L(d)} (PDF)</a></li>`,
        )}
      </ul>
    </section>`;
}
