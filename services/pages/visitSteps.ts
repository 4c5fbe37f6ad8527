/**
 * The forms of a visit's steps on the work order (R-VISIT-1..6, R-QUOTE-1/2): for the step the request is
 * in, and — for the engineer's own job on the visit path — the steps after it, hidden, so that without a
 * network the page moves on to the next form as each step is queued on the device (offline.js).
 */
import { FAULT_CLASSES } from '../../shared/serviceRequest/vocabulary';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import { CHECK_RESULTS } from '../../shared/maintenance/types';
import { t, type Lang } from './i18n';
import { apiForm, html, signaturePad, windowFields, type Html } from './layout';
import { partsPicker } from './partsPicker';
import { oldPartOptions } from './tripParts';
import type { Choice } from '../serviceRequest/partsForUnit';

export type Choices = { parts: Choice[]; services: Choice[] };

/** The visit's path a device can walk offline, and the status each step leads to. */
const VISIT_PATH = ['scheduled', 'on_site', 'diagnosed', 'work_done'];

const check = (name: string, label: string, checked = false) =>
  html`<label class="check"><input type="checkbox" name="${name}" ${checked ? html` checked` : ''} /> ${label}</label>`;

/** The forms for the step the request is in; the workflow still decides (409 with the reason otherwise). */
function steps(v: ServiceRequestView, me: string, lang: Lang, choices: Choices, tripId?: string, later = false): Html {
  // A later set after the on-site one: its checklist and support forms are already there, once is enough.
  const once = (form: () => Html) => (later ? html`` : form());
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
        ${v.status === 'scheduled' ? apiForm(at('check-in'), check('identityShown', L('checkIn'), true), L('confirm'), { name: 'check-in', next: 'on_site' }) : ''}`;
    case 'on_site':
    case 'unit_received': // R-TRIAGE-2: a carry-in unit on the bench
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
        { name: 'diagnosis', next: 'diagnosed' },
      )}${checklist(v, lang)}${support(v, lang)}`;
    case 'diagnosed':
    case 'repairing':
      return html`${once(() => checklist(v, lang))}${
        v.entitlement !== 'free' || v.status === 'diagnosed'
          ? apiForm(
              at('quotation'),
              html`<p>${L('quotationLines')}</p>
                ${partsPicker(choices, 'lines', lang)}`,
              L('issueQuotation'),
              { name: 'quotation' },
            )
          : ''
      }${work(v, lang, choices, tripId)}${once(() => support(v, lang))}${v.carryIn ? '' : anotherVisit(v, lang)}`;
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
        { request: no, sign: 'required', name: 'sign-off-on-device', next: 'signed' },
      );
    default:
      return html``;
  }
}

function work(v: ServiceRequestView, lang: Lang, choices: Choices, tripId?: string): Html {
  const L = (k: string) => t(lang, k);
  return apiForm(
    `POST /requests/${v.requestNo}/work`,
    html`<label>${L('actions')} <textarea name="actions" required></textarea></label>
      <p>${L('partsUsed')}</p>
      ${partsPicker(choices, 'used', lang)}
      ${check('functionalTestPassed', L('functionalTest'))}${check('demonstratedToCustomer', L('demonstrated'))}${check('cleanedUp', L('cleanedUp'))}
      <label>${L('advice')} <textarea name="advice" required></textarea></label>
      ${
        tripId
          ? html`<label
              >${L('oldPart')}
              <select data-old-part>
                ${oldPartOptions(lang)}
              </select></label
            >`
          : ''
      }`,
    L('work'),
    // On a trip, the parts used from the van are also reported to the trip (offline.js queues both).
    { name: 'work', next: 'work_done', ...(tripId ? { trip: tripId } : {}) },
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

/**
 * The step forms of the work order: the current status's shown; on the engineer's own visit path also the
 * later ones, hidden, for the device to walk without a network.
 */
export function stepSets(v: ServiceRequestView, me: string, lang: Lang, choices: Choices, tripId?: string): Html {
  const at = VISIT_PATH.indexOf(v.status);
  if (at < 0 || v.engineerId !== me)
    return html`<div class="step-set" data-status="${v.status}">${steps(v, me, lang, choices, tripId)}</div>`;
  return html`${VISIT_PATH.slice(at).map(
      (status, i) =>
        html`<div class="step-set" data-status="${status}" ${i ? html` hidden` : ''}>
          ${steps({ ...v, status: status as ServiceRequestView['status'] }, me, lang, choices, tripId, i > 0)}
        </div>`,
    )}
    <div class="step-set" data-status="signed" hidden><p class="muted">${t(lang, 'queued')}</p></div>`;
}
