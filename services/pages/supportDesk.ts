/**
 * The technical department's desk (R-VISIT-5): the open support requests, oldest first, each with the
 * unit, the fault, what the engineer found and asked, and the unit's earlier requests; answer remotely
 * or decide to go on site, through the same API call as any client (POST /requests/{no}/support/answer).
 */
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import type { EarlierRequest } from '../../shared/storage/unitRequestLog';
import { t, type Lang } from './i18n';
import { apiForm, html, time, type Html } from './layout';

export interface SupportItem {
  view: ServiceRequestView;
  earlier: EarlierRequest[];
}

const RETURNED: Record<string, [string, string]> = {
  title: ['办事处发回的故障件', 'A faulty module sent back by a branch office'],
  request: ['来自服务单', 'From request'],
  part: ['备件号', 'Part number'],
  symptom: ['故障现象', 'Symptom'],
  sentBy: ['发回的办事处', 'Sent back by'],
  open: ['送质量检验', 'Open its inspection'],
};

/** 001 §5.6.3: a module a branch office sends back opens its quality inspection here, without a trip. */
function returnedModule(lang: Lang): Html {
  const w = (k: string) => RETURNED[k][lang === 'zh' ? 0 : 1];
  return html`<section class="card returned-module">
    <h2>${w('title')}</h2>
    ${apiForm(
      'POST /quality-inspections',
      html`<label>${w('request')} <input name="requestNo" required placeholder="SR-20261201-0001" /></label>
        <label>${w('part')} <input name="partNo" required placeholder="P-SWH-SENSOR" /></label>
        <label>${w('symptom')} <input name="symptom" required /></label>
        <label>${w('sentBy')} <input name="sentBy" required /></label>`,
      w('open'),
      { name: 'returned-module' },
    )}
  </section>`;
}

export function supportDesk(lang: Lang, items: SupportItem[]): Html {
  const L = (k: string) => t(lang, k);
  if (!items.length)
    return html`<section class="card"><p class="muted">${L('nothing')}</p></section>
      ${returnedModule(lang)}`;
  return html`${returnedModule(lang)}${items.map(({ view: v, earlier }) => {
    const open = v.support?.find((s) => !s.answeredAt);
    if (!open) return html``;
    const fields = html`<label
        >${L('supportMode')}
        <select name="mode">
          <option value="remote">${L('remote')}</option>
          <option value="on_site">${L('onSite')}</option>
        </select></label
      >
      <label>${L('answer')} <textarea name="answer" required rows="4"></textarea></label>
      <label
        >${L('joinOnSiteAt')} <input type="datetime-local" name="joinOnSiteAt" data-type="datetime" data-optional
      /></label>`;
    return html`<section class="card support-request" data-request="${v.requestNo}">
      <h2>${v.requestNo} · ${v.unit?.model ?? ''} ${v.intake.serialNumber}</h2>
      <p>
        ${v.customerName ?? v.intake.customerId} · ${v.intake.siteAddress} · ${L('engineer')} ${v.engineerId ?? '–'}
      </p>
      <p><strong>${L('symptoms')}:</strong> ${v.intake.fault.symptoms}</p>
      ${v.diagnosis ? html`<p><strong>${L('diagnosis')}:</strong> ${v.diagnosis.faultClass}: ${v.diagnosis.findings}</p>` : ''}
      <p class="question">
        <strong
          >${L('question')} (${open.mode === 'on_site' ? L('onSite') : L('remote')}, ${time(open.requestedAt)}):</strong
        >
        ${open.question}
      </p>
      <details>
        <summary>${L('earlierRequests')} (${earlier.length})</summary>
        <ul class="earlier">
          ${earlier.map((e) => html`<li>${e.requestNo} · ${e.resolution ?? L('noResolution')}</li>`)}
        </ul>
      </details>
      ${apiForm(`POST /requests/${v.requestNo}/support/answer`, fields, L('sendAnswer'))}
    </section>`;
  })}`;
}
