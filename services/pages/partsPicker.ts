/**
 * Parts and labour picked, not typed (issue: the engineer in the field, item 2): a row per part that fits
 * the unit (price, warranty days, how many are in the van) and per service of the price list, each with a
 * quantity; labour in quarter hours. The page script turns the rows with a quantity into the API's lines.
 */
import type { Choice } from '../serviceRequest/partsForUnit';
import type { Lang } from './i18n';
import { html, money, type Html } from './layout';

const WORDS: Record<string, [string, string]> = {
  part: ['备件', 'Part'],
  price: ['单价', 'Price'],
  warranty: ['保修', 'Warranty'],
  days: ['天', 'days'],
  inVan: ['车上库存', 'In the van'],
  quantity: ['数量', 'Quantity'],
  hours: ['小时（按 15 分钟）', 'hours (quarter hours)'],
  none: ['没有适配此设备的备件', 'No part fits this unit'],
};
const w = (lang: Lang, k: string) => WORDS[k][lang === 'zh' ? 0 : 1];

/** `into`: the body field the lines go to (`lines` of a quotation, `used` of the work). */
export function partsPicker(choices: { parts: Choice[]; services: Choice[] }, into: string, lang: Lang): Html {
  const price = (c: Choice) => (c.unitPriceMinor !== undefined ? money(c.unitPriceMinor, c.currency ?? 'CNY') : '–');
  const qty = (c: Choice) => {
    const labour = c.kind === 'labour';
    return html`<input
        type="number"
        min="0"
        step="${labour ? '0.25' : '1'}"
        data-type="pick"
        data-into="${into}"
        data-code="${c.code}"
        data-in-van="${c.inVan ?? 0}"
        aria-label="${c.name}"
        placeholder="0"
      />${labour ? html` <small>${w(lang, 'hours')}</small>` : ''}`;
  };
  const row = (c: Choice) =>
    html`<tr data-code="${c.code}">
      <td>${c.name}<br /><small>${c.code}</small></td>
      <td>${price(c)}${c.unit ? html` / ${c.unit}` : ''}</td>
      <td>${c.warrantyDays ? `${c.warrantyDays} ${w(lang, 'days')}` : '–'}</td>
      <td class="in-van">${c.inVan ?? '–'}</td>
      <td>${qty(c)}</td>
    </tr>`;
  return html`<table class="picker">
    <thead>
      <tr>
        <th>${w(lang, 'part')}</th>
        <th>${w(lang, 'price')}</th>
        <th>${w(lang, 'warranty')}</th>
        <th>${w(lang, 'inVan')}</th>
        <th>${w(lang, 'quantity')}</th>
      </tr>
    </thead>
    <tbody>
      ${
        choices.parts.length
          ? choices.parts.map(row)
          : html`<tr>
              <td colspan="5" class="muted">${w(lang, 'none')}</td>
            </tr>`
      }
      ${choices.services.map(row)}
    </tbody>
  </table>`;
}
