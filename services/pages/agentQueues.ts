/**
 * The agent's queues on their desk: requests still to be acknowledged or answered (soonest deadline
 * first), follow-up calls due (R-FOLLOW-1), and open complaints with their clocks (R-FOLLOW-4). Each row
 * opens the request or complaint, where the agent acts on it.
 */
import type { RequestSummary } from '../../shared/serviceRequest/readModel';
import { statusLabel, t, type Lang } from './i18n';
import { html, time, type Html } from './layout';

export interface ComplaintRow {
  complaintNo: string;
  status: string;
  category?: string | null;
  customerName?: string | null;
  nextDeadline?: string | null;
  slaBreached?: boolean | null;
  relatedRequestNos?: string[];
}

export interface AgentQueues {
  waiting: RequestSummary[];
  followUps: RequestSummary[];
  complaints: ComplaintRow[];
}

const list = (lang: Lang, rows: Html[]) =>
  rows.length
    ? html`<ul class="queue">
        ${rows}
      </ul>`
    : html`<p class="muted">${t(lang, 'nothing')}</p>`;

export function agentQueues(lang: Lang, q: AgentQueues): Html {
  const L = (k: string) => t(lang, k);
  const request = (r: RequestSummary, due: string | null) =>
    html`<li data-request="${r.requestNo}">
      <a href="/app/agent/requests/${r.requestNo}"><strong>${r.requestNo}</strong></a> · ${statusLabel(lang, r.status)}
      · ${r.customerName ?? r.customerId} · ${r.serialNumber} ·
      ${time(due)}${r.slaBreached ? html` <strong class="breached">${L('breached')}</strong>` : ''}
    </li>`;
  const complaint = (c: ComplaintRow) =>
    html`<li data-complaint="${c.complaintNo}">
      <a href="/app/complaints/${c.complaintNo}"><strong>${c.complaintNo}</strong></a> · ${c.status} ·
      ${c.category ?? ''} · ${c.customerName ?? ''} ·
      ${time(c.nextDeadline)}${c.slaBreached ? html` <strong class="breached">${L('breached')}</strong>` : ''}
    </li>`;
  return html`<section class="card">
      <h2>${L('waitingForAgent')}</h2>
      ${list(
        lang,
        q.waiting.map((r) => request(r, r.nextDeadline)),
      )}
    </section>
    <section class="card">
      <h2>${L('followUpsDue')}</h2>
      ${list(
        lang,
        q.followUps.map((r) => request(r, r.followUpDueAt)),
      )}
    </section>
    <section class="card">
      <h2>${L('openComplaints')}</h2>
      <p><a href="/app/complaints/new">${L('takeInComplaint')}</a></p>
      ${list(lang, q.complaints.map(complaint))}
    </section>`;
}
