/**
 * The supervisor's part of a contract's allowance on the dispatcher's board (R-ENTITLE-1): requests past
 * their contract's visits or hours that the contract says need approval, each approved as contract work or
 * refused (paid work, through the quotation gate) with the reason (`POST /requests/{no}/allowance-decision`).
 */
import type { RequestSummary } from '../../shared/serviceRequest/readModel';
import { t, type Lang } from './i18n';
import { apiForm, html, type Html } from './layout';

export function allowanceApprovals(lang: Lang, rows: RequestSummary[]): Html {
  const L = (k: string) => t(lang, k);
  const waiting = rows.filter((r) => r.allowancePending);
  if (!waiting.length) return html``;
  const decide = (r: RequestSummary, approve: boolean) =>
    apiForm(
      `POST /requests/${r.requestNo}/allowance-decision`,
      html`<input type="hidden" name="approve" data-type="bool" value="${approve ? 'true' : 'false'}" />
        <input name="reason" required placeholder="${L('reason')}" />`,
      L(approve ? 'approveAsContract' : 'refuseMakePaid'),
      {
        name: approve ? 'approve-allowance' : 'refuse-allowance',
        'wait-request': r.requestNo,
        'wait-version': String(r.version),
      },
    );
  return html`<section class="card allowance-approvals">
    <h2>${L('allowanceApprovals')}</h2>
    <table>
      <tbody>
        ${waiting.map(
          (r) =>
            html`<tr data-request="${r.requestNo}">
              <td><strong>${r.requestNo}</strong><br />${r.customerName ?? ''} · ${r.serialNumber}</td>
              <td>${r.allowancePending}</td>
              <td>${decide(r, true)} ${decide(r, false)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
