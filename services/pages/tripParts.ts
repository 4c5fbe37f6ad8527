/** Pieces of the trip forms the plan, the trip sheet and the work order share. */
import { t, type Lang } from './i18n';
import { html, type Html } from './layout';

/** A quantity of one part that the page script turns into a `{ partNo, quantity[, requestNo] }` line of `into`. */
export const partPick = (
  into: string,
  partNo: string,
  label: string,
  opts: { requestNo?: string; value?: number } = {},
) =>
  html`<input
    type="number"
    min="0"
    step="1"
    data-type="pick"
    data-into="${into}"
    data-key="partNo"
    data-code="${partNo}"
    ${opts.requestNo ? html` data-request="${opts.requestNo}"` : ''}
    aria-label="${label}"
    placeholder="0"
    value="${opts.value ?? ''}"
  />`;

/** What became of the removed old part (R-PARTS-5): its options, for a select named by the caller. */
export const oldPartOptions = (lang: Lang): Html =>
  html`<option value="returned">${t(lang, 'oldReturned')}</option>
    <option value="kept_by_customer">${t(lang, 'oldKept')}</option>
    <option value="none">${t(lang, 'oldNone')}</option>`;
