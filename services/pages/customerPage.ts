/**
 * The customer's page behind their signed link (R-VISIT-1, R-QUOTE-2, R-SETTLE-2/3, R-FOLLOW-2..4):
 * progress, the quotation to approve or decline with a drawn signature, the service confirmation to
 * sign, the statement and payment, the survey, "the fault is back" and a complaint. Every action is a
 * call to the same API with the same link token; this module only renders the request's state.
 */
import type { AllowanceUse } from '../../shared/contract/allowance';
import { allowanceLine } from './contractLine';
import { carryInForCustomer } from './carryInCard';
import { customerSuggestionForm } from './suggestionForms';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import { statementOf } from '../../shared/serviceRequest/views';
import { COMPLAINT_CATEGORIES } from '../../shared/complaint/types';
import { statusLabel, t, type Lang } from './i18n';
import { attachmentsSection } from './attachmentsView';
import { apiForm, html, money, signaturePad, time, type Html } from './layout';

/** The steps a customer cares about, in their words; the rest of the history is staff detail. */
const MILESTONES: Record<string, [string, string]> = {
  received: ['已受理您的服务请求', 'We received your request'],
  offer_accepted: ['工程师已接单', 'An engineer took your request'],
  assigned: ['已指派工程师', 'An engineer was assigned'],
  reassigned: ['已更换工程师', 'Another engineer was assigned'],
  appointment_agreed: ['已约定上门时间', 'Visit time agreed'],
  appointment_changed: ['上门时间已变更', 'Visit time changed'],
  appointment_proposed: ['工程师建议了上门时间', 'A visit time was proposed'],
  checked_in: ['工程师已到达', 'The engineer arrived'],
  unit_received: ['网点已收到您的设备', 'The service point received your unit'],
  ready_for_collection: ['设备可以取回', 'Your unit is ready for collection'],
  diagnosed: ['已完成诊断', 'Diagnosis done'],
  quotation_issued: ['已出具报价', 'Quotation issued'],
  quotation_revised: ['报价已修订', 'Quotation revised'],
  quotation_approved: ['您已批准报价', 'You approved the quotation'],
  quotation_declined: ['您已拒绝报价', 'You declined the quotation'],
  work_recorded: ['维修完成', 'Work completed'],
  signed_off: ['您已签字确认', 'You signed the confirmation'],
  payment_received: ['已收到付款', 'Payment received'],
  follow_up_recorded: ['回访已完成', 'Follow-up done'],
  cancelled: ['已取消', 'Cancelled'],
};

export interface CustomerPageData {
  view: ServiceRequestView;
  engineerName: string | null;
  lang: Lang;
  /** R-ENTITLE-1: what is left today of the contract the request counts against. */
  allowance?: { contractNo: string; use: AllowanceUse };
}

export function customerPage({ view: v, engineerName, lang, allowance }: CustomerPageData): Html {
  const L = (k: string) => t(lang, k);
  const no = v.requestNo;
  const a = v.appointment;
  return html` <section class="card summary">
      <p class="status status-${v.status}">${statusLabel(lang, v.status)}</p>
      <dl>
        <dt>${L('request')}</dt>
        <dd>${no}</dd>
        <dt>${L('unit')}</dt>
        <dd>${v.unit ? `${v.unit.model} · ${v.unit.serialNumber}` : '–'}</dd>
        <dt>${L('engineer')}</dt>
        <dd class="engineer-name">${engineerName ?? '–'}</dd>
        <dt>${L('appointment')}</dt>
        <dd>${a ? html`${time(a.windowStart)} – ${time(a.windowEnd)}` : '–'}</dd>
      </dl>
      ${allowance ? allowanceLine(lang, allowance.contractNo, allowance.use) : ''}
    </section>
    ${carryInForCustomer(lang, v)} ${proposalSection(v, lang)} ${quotationSection(v, lang)}
    ${settlementDifference(v, lang)} ${signOffSection(v, lang)} ${statementSection(v, lang)} ${surveySection(v, lang)}
    ${afterwards(v, lang)} ${customerSuggestionForm(lang, no)}
    ${attachmentsSection(no, v.attachments ?? [], lang, {
      canAttach: !['closed', 'cancelled', 'aborted'].includes(v.status),
      viaLink: true,
    })}
    <section class="card">
      <h2>${L('timeline')}</h2>
      <ol class="timeline">
        ${v.history
          .filter((h) => MILESTONES[h.action])
          .reverse()
          .map((h) => html`<li>${time(h.at)} <span>${MILESTONES[h.action][lang === 'zh' ? 0 : 1]}</span></li>`)}
      </ol>
    </section>`;
}

function quotationSection(v: ServiceRequestView, lang: Lang): Html {
  const L = (k: string) => t(lang, k);
  const q = (v.quotations ?? []).at(-1);
  if (!q) return html``;
  const pending = q.status === 'awaiting_approval';
  return html` <section class="card quotation">
    <h2>${L('quotation')} v${q.version}</h2>
    <table>
      <thead>
        <tr>
          <th>${L('item')}</th>
          <th>${L('qty')}</th>
          <th>${L('unitPrice')}</th>
          <th>${L('amount')}</th>
        </tr>
      </thead>
      <tbody>
        ${q.lines.map(
          (l) =>
            html`<tr>
              <td>
                ${l.description}${l.covered ? html` <em>(${L('covered')})</em>` : ''}${l.warrantyDays ? html`<br /><small>${l.warrantyDays} ${L('warrantyDays')}</small>` : ''}
              </td>
              <td>${l.quantity}</td>
              <td>${money(l.unitPriceMinor, q.currency)}</td>
              <td>${money(l.lineTotalMinor, q.currency)}</td>
            </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr>
          <th colspan="3">${L('total')}</th>
          <th class="quote-total">${money(q.totalMinor, q.currency)}</th>
        </tr>
      </tfoot>
    </table>
    <p class="muted">${statusLabel(lang, q.status)}</p>
    ${
      pending
        ? html`${apiForm(
            `POST /requests/${v.requestNo}/quotation/approve`,
            html`<input type="hidden" name="version" data-type="number" value="${q.version}" />
              <input type="hidden" name="totalMinor" data-type="number" value="${q.totalMinor}" />
              <label
                >${L('yourName')} <input name="signedBy" required autocomplete="name" value="${v.intake.contactName}"
              /></label>
              ${signaturePad(lang)}`,
            L('approve'),
            { request: v.requestNo, sign: 'required', name: 'approve-quotation' },
          )}
          ${apiForm(
            `POST /requests/${v.requestNo}/quotation/decline`,
            html`<input type="hidden" name="version" data-type="number" value="${q.version}" />
              <label>${L('reason')} <input name="reason" required /></label>`,
            L('decline'),
            { name: 'decline-quotation' },
          )}`
        : ''
    }
  </section>`;
}

function settlementDifference(v: ServiceRequestView, lang: Lang): Html {
  const st = v.settlement;
  if (!st || st.status !== 'difference_pending') return html``;
  return html`<section class="card">
    <h2>${t(lang, 'settlement')}: ${money(st.totalMinor, st.currency)}</h2>
    ${apiForm(
      `POST /requests/${v.requestNo}/settlement/approve`,
      html`<input type="hidden" name="totalMinor" data-type="number" value="${st.totalMinor}" />
        <label>${t(lang, 'yourName')} <input name="signedBy" required value="${v.intake.contactName}" /></label>
        ${signaturePad(lang)}`,
      t(lang, 'approve'),
      { request: v.requestNo, sign: 'required', name: 'approve-settlement' },
    )}
  </section>`;
}

function signOffSection(v: ServiceRequestView, lang: Lang): Html {
  if (v.status !== 'work_done' || v.signOff) return html``;
  const L = (k: string) => t(lang, k);
  return html`<section class="card">
    <h2>${L('signOff')}</h2>
    ${
      v.work
        ? html`<p>${v.work.actions}</p>
            <p class="muted">${L('advice')}: ${v.work.advice}</p>`
        : ''
    }
    ${apiForm(
      `POST /requests/${v.requestNo}/sign-off`,
      html`<label>${L('yourName')} <input name="signedBy" required value="${v.intake.contactName}" /></label>
        <label class="check"><input type="checkbox" name="satisfied" checked /> ${L('satisfied')}</label>
        <label>${L('comment')} <textarea name="comment" data-optional></textarea></label>
        ${signaturePad(lang)}`,
      L('confirm'),
      { request: v.requestNo, sign: 'required', name: 'sign-off' },
    )}
  </section>`;
}

function statementSection(v: ServiceRequestView, lang: Lang): Html {
  const L = (k: string) => t(lang, k);
  const st = statementOf(v);
  const s = st.settlement;
  const doc = (name: string) =>
    html`<li>
      <a class="doc" href="/api/v1/requests/${v.requestNo}/documents/${name}" data-token-link>${L(name)} (PDF)</a>
    </li>`;
  if (!v.work && !s) return html``;
  return html`<section class="card">
    <h2>${L('settlement')}</h2>
    ${
      s
        ? html`<dl>
            <dt>${L('total')}</dt>
            <dd>${money(s.totalMinor, s.currency)}</dd>
            <dt>${L('paid')}</dt>
            <dd>${money(s.paidMinor, s.currency)}</dd>
            <dt>${L('outstanding')}</dt>
            <dd class="outstanding">${s.settled ? L('settled') : money(s.outstandingMinor, s.currency)}</dd>
          </dl>`
        : ''
    }
    <p>
      ${L('warranty')}:
      ${st.warranty.work ? `${st.warranty.work.days} ${L('warrantyDays')}${st.warranty.work.until ? ` (→ ${st.warranty.work.until})` : ''}` : '–'}
    </p>
    <h3>${L('documents')}</h3>
    <ul>
      ${doc('service-confirmation')}${s ? doc('settlement-statement') : ''}${v.commissioning?.record ? doc('commissioning-report') : ''}
    </ul>
  </section>`;
}

function surveySection(v: ServiceRequestView, lang: Lang): Html {
  if (v.status !== 'follow_up_due') return html``;
  const L = (k: string) => t(lang, k);
  const score = (name: string) =>
    html`<label
      >${L(name)}
      <select name="${name}" data-type="number">
        ${Array.from({ length: 10 }, (_, i) => 10 - i).map((n) => html`<option>${n}</option>`)}
      </select></label
    >`;
  return html`<section class="card">
    <h2>${L('survey')}</h2>
    ${apiForm(
      `POST /requests/${v.requestNo}/follow-up`,
      html`${score('punctuality')}${score('attitude')}${score('resolution')}${score('overall')}
        <label>${L('reasonBelow8')} <textarea name="reason" data-optional></textarea></label>
        <label>${L('comment')} <textarea name="comment" data-optional></textarea></label>`,
      L('send'),
      { name: 'survey' },
    )}
  </section>`;
}

function afterwards(v: ServiceRequestView, lang: Lang): Html {
  const L = (k: string) => t(lang, k);
  const faultBack = v.signOff
    ? apiForm(
        `POST /requests/${v.requestNo}/recurrence`,
        html`<label>${L('symptoms')} <textarea name="symptoms" required></textarea></label>`,
        L('faultBack'),
        { name: 'fault-back' },
      )
    : '';
  return html`<section class="card">
    <details>
      <summary>${L('faultBack')} / ${L('complaint')}</summary>
      ${faultBack}
      ${apiForm(
        `POST /requests/${v.requestNo}/complaints`,
        html`<label
            >${L('category')}
            <select name="category">
              ${COMPLAINT_CATEGORIES.map((c) => html`<option>${c}</option>`)}
            </select></label
          >
          <label>${L('description')} <textarea name="description" required></textarea></label>`,
        L('complaint'),
        { name: 'complaint' },
      )}
    </details>
  </section>`;
}

/** R-VISIT-1: a proposed window for the customer to accept (it becomes the appointment) or decline. */
function proposalSection(v: ServiceRequestView, lang: Lang): Html {
  const p = v.proposedAppointment;
  if (!p) return html``;
  const L = (k: string) => t(lang, k);
  const start = html`<input type="hidden" name="windowStart" value="${p.windowStart}" />`;
  return html`<section class="card proposal">
    <h2>${L('proposedTime')}</h2>
    <p class="proposed-window">${time(p.windowStart)} – ${time(p.windowEnd)}</p>
    ${apiForm(
      `POST /requests/${v.requestNo}/appointment/answer`,
      html`${start}<input type="hidden" name="accept" data-type="bool" value="true" />`,
      L('acceptTime'),
      { name: 'accept-time' },
    )}
    ${apiForm(
      `POST /requests/${v.requestNo}/appointment/answer`,
      html`${start}<input type="hidden" name="accept" data-type="bool" value="false" />
        <label>${L('reason')} <input name="reason" required /></label>`,
      L('declineTime'),
      { name: 'decline-time' },
    )}
  </section>`;
}
