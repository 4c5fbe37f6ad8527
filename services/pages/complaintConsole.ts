/**
 * One complaint at a desk (R-FOLLOW-4, R-SLA-3): its clocks and history, and each step in its order —
 * acknowledge, first response, investigation (findings, responsible party, root cause), a proposal,
 * the customer's decision taken on the phone, a revisit, the follow-up, withdrawal. Agents, quality and
 * managers use the same page; every form is the API call any client makes.
 */
import { COMPLAINT_CATEGORIES, RESPONSIBLE_PARTIES, type ComplaintView } from '../../shared/complaint/types';
import { CHANNELS } from '../../shared/serviceRequest/vocabulary';
import { clockTable, historyList } from './clockTable';
import { t, type Lang } from './i18n';
import { apiForm, html, type Html } from './layout';

const options = (values: readonly string[]) => values.map((v) => html`<option value="${v}">${v}</option>`);
const area = (label: string, name: string) =>
  html`<label>${label} <textarea name="${name}" required rows="2"></textarea></label>`;

export function complaintConsole(lang: Lang, c: ComplaintView): Html {
  const L = (k: string) => t(lang, k);
  const no = c.complaintNo;
  const call = (step: string) => `POST /complaints/${no}/${step}`;
  const open = !['closed', 'followed_up', 'withdrawn', 'follow_up_due'].includes(c.status);
  const pending = c.proposals.find((p) => !p.outcome);
  const forms: Html[] = [];
  if (c.status === 'received')
    forms.push(apiForm(call('acknowledge'), area(L('summary'), 'summary'), L('acknowledge')));
  if (c.clocks.some((k) => k.name === 'response' && !k.stoppedAt))
    forms.push(apiForm(call('response'), area(L('summary'), 'summary'), L('firstResponse')));
  if (open && c.status !== 'received')
    forms.push(
      apiForm(
        call('investigation'),
        html`${area(L('findings'), 'findings')}
          <label
            >${L('responsibleParty')}
            <select name="responsibleParty">
              ${options(RESPONSIBLE_PARTIES)}
            </select></label
          >
          ${area(L('rootCause'), 'rootCause')}
          <label class="check"><input type="checkbox" name="improvementNeeded" /> ${L('improvementNeeded')}</label>`,
        L('investigation'),
      ),
    );
  if (c.investigation && open && !pending)
    forms.push(apiForm(call('proposal'), area(L('proposal'), 'resolution'), L('propose2')));
  if (pending)
    forms.push(
      apiForm(
        call('decision'),
        html`<input type="hidden" name="version" data-type="number" value="${pending.version}" />
          <p>v${pending.version}: ${pending.resolution}</p>
          <label
            >${L('decision')}
            <select name="accept" data-type="bool">
              <option value="true">${L('accepts')}</option>
              <option value="false">${L('rejects')}</option>
            </select></label
          >
          <label>${L('reason')} <input name="reason" data-optional /></label>`,
        L('send'),
      ),
    );
  if (open && c.intake.relatedRequestNos.length)
    forms.push(
      apiForm(
        call('revisit'),
        html`<label
            >${L('related')}
            <select name="requestNo">
              ${options(c.intake.relatedRequestNos)}
            </select></label
          >
          ${area(L('symptoms'), 'symptoms')}`,
        L('revisit'),
      ),
    );
  if (c.status === 'follow_up_due')
    forms.push(
      apiForm(
        call('follow-up'),
        html`<label
            >${L('overall')} <input type="number" name="overall" data-type="number" min="1" max="10" required
          /></label>
          <label>${L('comment')} <input name="comment" data-optional /></label>`,
        L('complaintFollowUp'),
      ),
    );
  if (open)
    forms.push(
      apiForm(call('withdraw'), html`<label>${L('reason')} <input name="reason" required /></label>`, L('withdraw')),
    );
  return html`<section class="card complaint" data-complaint="${no}" data-status="${c.status}">
      <h2>${no} · ${c.status} · ${c.intake.category}</h2>
      <p>${c.customerName ?? c.intake.customerId} · ${c.intake.contactName} ${c.intake.contactPhone}</p>
      <p>${c.intake.description}</p>
      <p>
        ${L('related')}: ${c.intake.relatedRequestNos.map((r) => html`<a href="/app/agent/requests/${r}">${r}</a> `)}
        ${c.revisits.map((r) => html`· ${L('revisit')} <a href="/app/agent/requests/${r}">${r}</a> `)}
      </p>
      ${
        c.investigation
          ? html`<p class="investigation">
              ${L('investigation')}: ${c.investigation.findings} · ${c.investigation.responsibleParty} ·
              ${c.investigation.rootCause}
            </p>`
          : ''
      }
    </section>
    <section class="card">
      <h2>${L('clocks')}</h2>
      ${clockTable(lang, c.clocks)}
    </section>
    ${forms.map((f) => html`<section class="card step">${f}</section>`)}
    <section class="card">
      <h2>${L('history')}</h2>
      ${historyList(c.history)}
    </section>`;
}

/** Taking in a complaint from a call (R-FOLLOW-4): POST /complaints, linked to the customer's requests. */
export function complaintIntake(lang: Lang, customerId: string, requestNo: string): Html {
  const L = (k: string) => t(lang, k);
  return html`<section class="card">
    ${apiForm(
      'POST /complaints',
      html`<label
          >${L('channel')}
          <select name="channel">
            ${options(CHANNELS)}
          </select></label
        >
        <label
          >${L('category')}
          <select name="category">
            ${options(COMPLAINT_CATEGORIES)}
          </select></label
        >
        <label>${L('customer')} <input name="customerId" required value="${customerId}" /></label>
        <label>${L('contactName')} <input name="contactName" required /></label>
        <label>${L('contactPhone')} <input name="contactPhone" required /></label>
        ${area(L('description'), 'description')}
        <label
          >${L('related')} <input name="relatedRequestNos" data-type="list" value="${requestNo}" data-optional
        /></label>`,
      L('takeInComplaint'),
      { goto: '/app/complaints/' },
    )}
  </section>`;
}
