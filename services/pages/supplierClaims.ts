/**
 * Returns to the supplier on the quality desk (R-RMA-1): modules an inspection blamed on the supplier,
 * each sent back with a claim (POST /quality-inspections/{id}/supplier-claim), and the claims still
 * waiting, each closed with what came back (POST /supplier-claims/{id}/outcome).
 */
import { t, type Lang } from './i18n';
import { apiForm, html, type Html } from './layout';

export interface BlamedInspection {
  _id: string;
  partNo?: string | null;
  requestNo?: string | null;
  finding?: string | null;
}
export interface ClaimRow {
  _id: string;
  supplier: string;
  claimNo: string;
  partNo?: string | null;
  requestNo?: string | null;
  serials?: string[];
}

export function supplierClaimsSection(lang: Lang, blamed: BlamedInspection[], open: ClaimRow[]): Html {
  const L = (k: string) => t(lang, k);
  const send = (i: BlamedInspection) =>
    html`<li data-inspection="${i._id}">
      <strong>${i.partNo ?? ''}</strong> · ${i.requestNo ?? ''} · ${i.finding ?? ''}
      ${apiForm(
        `POST /quality-inspections/${i._id}/supplier-claim`,
        html`<input name="supplier" required placeholder="${L('supplier')}" />
          <input name="claimNo" required placeholder="${L('claimNo')}" />
          <input name="serials" data-type="list" required placeholder="${L('serials')}" />`,
        L('sendToSupplier'),
        { name: 'supplier-claim' },
      )}
    </li>`;
  const outcome = (c: ClaimRow, fields: Html, label: string, name: string) =>
    apiForm(`POST /supplier-claims/${c._id}/outcome`, fields, label, { name });
  const claim = (c: ClaimRow) =>
    html`<li data-claim="${c._id}">
      <strong>${c._id}</strong> · ${c.supplier} ${c.claimNo} · ${c.partNo ?? ''} · ${(c.serials ?? []).join(', ')}
      ${outcome(
        c,
        html`<input type="hidden" name="outcome" value="credited" /><input
            name="creditMinor"
            data-type="number"
            type="number"
            min="1"
            required
            placeholder="${L('creditMinor')}"
          /><input name="currency" required value="CNY" size="4" />`,
        L('credited'),
        'credited',
      )}
      ${outcome(
        c,
        html`<input type="hidden" name="outcome" value="replaced" /><input
            name="warehouseId"
            required
            placeholder="WH-EAST"
          /><input name="replacementSerial" data-optional placeholder="${L('serials')}" />`,
        L('replaced'),
        'replaced',
      )}
      ${outcome(
        c,
        html`<input type="hidden" name="outcome" value="rejected" /><input
            name="note"
            required
            placeholder="${L('reason')}"
          />`,
        L('rejectedBySupplier'),
        'rejected',
      )}
    </li>`;
  return html`<section class="card supplier-claims">
    <h2>${L('supplierReturns')}</h2>
    <ul class="to-send">
      ${blamed.map(send)}
    </ul>
    <ul class="claims">
      ${open.map(claim)}
    </ul>
    ${blamed.length + open.length ? '' : html`<p class="muted">${L('nothing')}</p>`}
  </section>`;
}
