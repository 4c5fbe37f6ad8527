/**
 * One request at the agent's desk (R-INTAKE-5, R-SLA-2..3, R-FOLLOW-1..2): its state, SLA clocks and
 * history, and what an agent does on it — acknowledge and first response (the clocks stop), the outcome
 * of remote guidance, a message from another channel, the follow-up call with the survey filled in on the
 * phone, cancellation with a reason. Each form is the API call any client makes.
 */
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import { carryInCard } from './carryInCard';
import { clockTable, historyList } from './clockTable';
import { statusLabel, t, type Lang } from './i18n';
import { apiForm, html, type Html } from './layout';

const FINISHED = ['closed', 'cancelled', 'awaiting_follow_up', 'follow_up_due'];

export function requestConsole(lang: Lang, v: ServiceRequestView, messageId: string): Html {
  const L = (k: string) => t(lang, k);
  const no = v.requestNo;
  const done = (action: string) =>
    v.history.some((h) => h.action === action) || v.earlierHistory?.actions.includes(action);
  const finished = FINISHED.includes(v.status);
  const contact = (kind: 'acknowledgement' | 'response', label: string) =>
    apiForm(
      `POST /requests/${no}/contact`,
      html`<input type="hidden" name="kind" value="${kind}" />
        <label>${L('summary')} <textarea name="summary" required rows="2"></textarea></label>`,
      label,
      { step: kind },
    );
  const guidance =
    v.status === 'remote_guidance'
      ? html`<section class="card">
          <h2>${L('remoteGuidance')}</h2>
          ${apiForm(
            `POST /requests/${no}/remote-guidance`,
            html`<label
                >${L('outcome')}
                <select name="solved" data-type="bool">
                  <option value="true">${L('solvedRemotely')}</option>
                  <option value="false">${L('notSolved')}</option>
                </select></label
              >
              <label>${L('summary')} <textarea name="summary" required rows="3"></textarea></label>`,
            L('send'),
            { step: 'remote-guidance' },
          )}
        </section>`
      : '';
  const score = (name: string) =>
    html`<label
      >${L(name)} <input type="number" name="${name}" data-type="number" min="1" max="10" required value="10"
    /></label>`;
  const followUp =
    v.status === 'awaiting_follow_up' || v.status === 'follow_up_due'
      ? html`<section class="card">
          <h2>${L('followUpCall')}</h2>
          ${apiForm(
            `POST /requests/${no}/follow-up`,
            html`${score('punctuality')}${score('attitude')}${score('resolution')}${score('overall')}
              <label>${L('reasonBelow8')} <input name="reason" data-optional /></label>
              <label>${L('comment')} <input name="comment" data-optional /></label>`,
            L('send'),
            { step: 'follow-up' },
          )}
        </section>`
      : '';
  const message = apiForm(
    `POST /requests/${no}/messages`,
    html`<input type="hidden" name="messageId" value="${messageId}" />
      <label
        >${L('messageChannel')}
        <select name="channel">
          ${['phone', 'email', 'messaging', 'app', 'web', 'dealer'].map((c) => html`<option value="${c}">${c}</option>`)}
        </select></label
      >
      <label>${L('messageFrom')} <input name="from" required value="${v.intake.contactName}" /></label>
      <label>${L('messageText')} <textarea name="text" required rows="2"></textarea></label>`,
    L('attachMessage'),
    { step: 'message' },
  );
  const cancel = finished
    ? ''
    : apiForm(
        `POST /requests/${no}/cancel`,
        html`<label>${L('reason')} <input name="reason" required /></label>`,
        L('cancelRequest'),
        { step: 'cancel' },
      );
  return html`<section class="card request" data-request="${no}" data-status="${v.status}">
      <h2>${no} · ${statusLabel(lang, v.status)}</h2>
      <p>
        ${v.customerName ?? v.intake.customerId} · ${v.intake.contactName} ${v.intake.contactPhone} ·
        ${v.intake.serialNumber} · ${v.intake.siteAddress}
      </p>
      <p>${L('symptoms')}: ${v.intake.fault.symptoms}</p>
      ${v.entitlementReason ? html`<p class="entitlement-reason">${v.entitlement} · ${v.entitlementReason}</p>` : ''}
      ${(v.notOffered ?? []).map((n) => html`<p class="not-offered" data-engineer="${n.engineerId}">⚠ ${n.name}: ${n.reason}</p>`)}
    </section>
    <section class="card">
      <h2>${L('clocks')}</h2>
      ${clockTable(lang, v.clocks, v.slaCalendar)}
    </section>
    ${
      !finished && !done('responded')
        ? html`<section class="card">
            <h2>${L('contact')}</h2>
            ${done('acknowledged') ? '' : contact('acknowledgement', L('acknowledge'))}
            ${contact('response', L('firstResponse'))}
          </section>`
        : ''
    }
    ${carryInCard(lang, v)}${guidance}${followUp}
    <section class="card">
      <h2>${L('attachMessage')}</h2>
      ${message}
    </section>
    ${
      cancel
        ? html`<section class="card">
            <h2>${L('cancelRequest')}</h2>
            ${cancel}
          </section>`
        : ''
    }
    <section class="card documents">
      <h2>${L('documents')}</h2>
      <ul>
        ${[
          'service-registration',
          ...(v.signOff ? ['service-confirmation'] : []),
          ...(v.followUp ? ['satisfaction-survey'] : []),
        ].map((d) => html`<li><a class="doc" href="/api/v1/requests/${no}/documents/${d}">${L(d)} (PDF)</a></li>`)}
      </ul>
    </section>
    <section class="card">
      <h2>${L('history')}</h2>
      ${historyList(v.history, 30)}
    </section>`;
}
