/**
 * The engineer's pages, mobile first (R-DISPATCH-2/3, R-VISIT-1..6, R-QUOTE-1/2): my offers and my jobs,
 * then one work order with the unit's earlier requests and the step that is due now — accept or
 * decline, agree the window, check in, diagnosis, checklist, quotation, work, support, another visit,
 * and the customer's signature on this device. Each form calls the same API the engineer's app would.
 */
import type { RequestSummary } from '../../shared/serviceRequest/readModel';
import { FAULT_CLASSES } from '../../shared/serviceRequest/vocabulary';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import type { EarlierRequest } from '../../shared/storage/unitRequestLog';
import { CHECK_RESULTS } from '../../shared/maintenance/types';
import { statusLabel, t, type Lang } from './i18n';
import { apiForm, html, signaturePad, time, windowFields, type Html } from './layout';
import { attachmentsSection } from './attachmentsView';
import { partsPicker } from './partsPicker';
import type { Choice } from '../serviceRequest/partsForUnit';

type Choices = { parts: Choice[]; services: Choice[] };

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

const check = (name: string, label: string, checked = false) =>
  html`<label class="check"><input type="checkbox" name="${name}" ${checked ? html` checked` : ''} /> ${label}</label>`;

/** The forms for the step the request is in; the workflow still decides (409 with the reason otherwise). */
function steps(v: ServiceRequestView, me: string, lang: Lang, choices: Choices): Html {
  const L = (k: string) => t(lang, k);
  const no = v.requestNo;
  const at = (p: string) => `POST /requests/${no}/${p}`;
  switch (v.status) {
    case 'offered':
      if (v.offer?.engineerId !== me) return html``;
      return html`${apiForm(at('offer/accept'), html``, L('accept'), { name: 'accept-offer' })}
      ${apiForm(at('offer/decline'), html`<input name="reason" required placeholder="${L('reason')}" />`, L('decline'), { name: 'decline-offer' })}`;
    case 'assigned':
    case 'scheduled':
      return html`${apiForm(
          at('appointment'),
          windowFields(lang, 'agree', v.status === 'scheduled'),
          v.status === 'scheduled' ? L('reschedule') : L('appointment'),
          { name: 'appointment' },
        )}
        <details>
          <summary>${L('propose')}</summary>
          ${apiForm(at('appointment/proposal'), windowFields(lang, 'propose', v.status === 'scheduled'), L('propose'), {
            name: 'propose',
          })}
        </details>
        ${v.status === 'scheduled' ? apiForm(at('check-in'), check('identityShown', L('checkIn'), true), L('confirm'), { name: 'check-in' }) : ''}`;
    case 'on_site':
      return html`${apiForm(
        at('diagnosis'),
        html`${check('faultConfirmedWithCustomer', L('faultConfirmed'), true)}
          <label
            >${L('faultClass')}
            <select name="faultClass">
              ${FAULT_CLASSES.map((c) => html`<option>${c}</option>`)}
            </select></label
          >
          <label>${L('findings')} <textarea name="findings" required></textarea></label>`,
        L('diagnosis'),
        { name: 'diagnosis' },
      )}${checklist(v, lang)}${support(v, lang)}`;
    case 'diagnosed':
    case 'repairing':
      return html`${checklist(v, lang)}${
        v.entitlement !== 'free' || v.status === 'diagnosed'
          ? apiForm(
              at('quotation'),
              html`<p>${L('quotationLines')}</p>
                ${partsPicker(choices, 'lines', lang)}`,
              L('issueQuotation'),
              { name: 'quotation' },
            )
          : ''
      }${work(v, lang, choices)}${support(v, lang)}${anotherVisit(v, lang)}`;
    case 'awaiting_approval': {
      const q = v.quotations?.at(-1);
      return q
        ? apiForm(
            at('quotation/approve'),
            html`<input type="hidden" name="version" data-type="number" value="${q.version}" />
              <input type="hidden" name="totalMinor" data-type="number" value="${q.totalMinor}" />
              <label>${L('signedBy')} <input name="signedBy" required value="${v.intake.contactName}" /></label
              >${signaturePad(lang)}`,
            L('approveOnDevice'),
            { request: no, sign: 'required', name: 'approve-on-device' },
          )
        : html``;
    }
    case 'work_done':
      return apiForm(
        at('sign-off'),
        html`<label>${L('signedBy')} <input name="signedBy" required value="${v.intake.contactName}" /></label>
          ${check('satisfied', L('satisfied'), true)}${signaturePad(lang)}`,
        L('customerSignature'),
        { request: no, sign: 'required', name: 'sign-off-on-device' },
      );
    default:
      return html``;
  }
}

function work(v: ServiceRequestView, lang: Lang, choices: Choices): Html {
  const L = (k: string) => t(lang, k);
  return apiForm(
    `POST /requests/${v.requestNo}/work`,
    html`<label>${L('actions')} <textarea name="actions" required></textarea></label>
      <p>${L('partsUsed')}</p>
      ${partsPicker(choices, 'used', lang)}
      ${check('functionalTestPassed', L('functionalTest'))}${check('demonstratedToCustomer', L('demonstrated'))}${check('cleanedUp', L('cleanedUp'))}
      <label>${L('advice')} <textarea name="advice" required></textarea></label>`,
    L('work'),
    { name: 'work' },
  );
}

function checklist(v: ServiceRequestView, lang: Lang): Html {
  const open = (v.maintenance?.checklist ?? []).filter((c) => !c.result);
  if (!open.length) return html``;
  return apiForm(
    `POST /requests/${v.requestNo}/checklist`,
    html`${open.map(
      (c, i) =>
        html`<fieldset>
          <legend>${c.item}</legend>
          <input type="hidden" name="items[${i}].item" value="${c.item}" />
          <select name="items[${i}].result">
            ${CHECK_RESULTS.map((r) => html`<option>${r}</option>`)}
          </select>
          <input name="items[${i}].note" data-optional placeholder="note" />
        </fieldset>`,
    )}`,
    t(lang, 'checklist'),
    { name: 'checklist' },
  );
}

const support = (v: ServiceRequestView, lang: Lang) =>
  html`<details>
    <summary>${t(lang, 'support')}</summary>
    ${apiForm(
      `POST /requests/${v.requestNo}/support`,
      html`<select name="mode">
          <option value="remote">${t(lang, 'remote')}</option>
          <option value="on_site">${t(lang, 'onSite')}</option>
        </select>
        <label>${t(lang, 'question')} <textarea name="question" required></textarea></label>`,
      t(lang, 'send'),
      { name: 'support' },
    )}
  </details>`;

const anotherVisit = (v: ServiceRequestView, lang: Lang) =>
  html`<details>
    <summary>${t(lang, 'anotherVisit')}</summary>
    ${apiForm(
      `POST /requests/${v.requestNo}/visit/end`,
      html`<input type="hidden" name="outcome" value="another_visit_needed" />
        <label
          >${t(lang, 'needs')}
          <select name="needs" multiple data-type="multi">
            ${['parts', 'time', 'tools', 'specialist', 'customer_absent', 'other'].map((n) => html`<option>${n}</option>`)}
          </select></label
        >
        <label>${t(lang, 'reason')} <input name="reason" required /></label>`,
      t(lang, 'anotherVisit'),
      { name: 'another-visit' },
    )}
  </details>`;

export function workOrderPage(
  v: ServiceRequestView,
  me: string,
  earlier: EarlierRequest[],
  lang: Lang,
  choices: Choices = { parts: [], services: [] },
): Html {
  const L = (k: string) => t(lang, k);
  const a = v.appointment;
  return html`<section class="card summary">
      <p class="status status-${v.status}">${statusLabel(lang, v.status)}</p>
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
    <section class="card steps">${steps(v, me, lang, choices)}</section>
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
