/**
 * The counter's card of a carry-in repair (R-TRIAGE-2, 002 §2.1.3 送修) on the agent's request console: where
 * the unit is to be brought, the receipt that names the bench engineer (and a change of it while the unit is on
 * the bench), and the customer's signature when they
 * collect it — each form the same API call any client makes.
 */
import { money } from '../../shared/quotation/pricing';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import { t, type Lang } from './i18n';
import { apiForm, html, time, type Html } from './layout';

const DAY = 86_400_000;

/** The storage terms of a unit ready for collection; past them, what collecting it now costs (R-TRIAGE-2). */
function storageLine(L: (k: string) => string, c: NonNullable<ServiceRequestView['carryIn']>, now = Date.now()): Html {
  const s = c.storage;
  if (!s) return html``;
  const over = now - Date.parse(s.freeUntil);
  const due = !c.collectedAt && over > 0 ? Math.ceil(over / DAY) * s.feePerDayMinor : 0;
  return html`<p class="storage">
    ${L('storageFreeUntil')} ${time(s.freeUntil)}, ${L('storagePerDay')} ${money(s.feePerDayMinor, s.currency)}
    ${due ? html` · <strong class="storage-due">${L('storageDueNow')}: ${money(due, s.currency)}</strong>` : ''}
    ${s.charged ? html` · ${L('storageCharged')}: ${money(s.charged.amountMinor, s.currency)} (${s.charged.days})` : ''}
  </p>`;
}

export function carryInCard(lang: Lang, v: ServiceRequestView): Html {
  const c = v.carryIn;
  if (!c) return html``;
  const L = (k: string) => t(lang, k);
  const no = v.requestNo;
  const p = c.servicePoint;
  const receive =
    v.status === 'awaiting_unit'
      ? apiForm(
          `POST /requests/${no}/unit-received`,
          html`<label>${L('benchEngineer')} <input name="engineerId" required placeholder="ENG-001" /></label>
            <label>${L('unitCondition')} <textarea name="condition" required rows="2"></textarea></label>
            <label>${L('accessories')} <textarea name="accessories" data-type="textlines" rows="2"></textarea></label>`,
          L('receiveUnit'),
          { step: 'unit-received' },
        )
      : '';
  const onBench = ['unit_received', 'diagnosed', 'awaiting_approval', 'repairing'].includes(v.status);
  const handOver = onBench
    ? apiForm(
        `POST /requests/${no}/bench-engineer`,
        html`<label>${L('benchEngineer')} <input name="engineerId" required placeholder="ENG-002" /></label>
          <label>${L('reason')} <input name="reason" required /></label>`,
        L('changeBenchEngineer'),
        { step: 'bench-engineer' },
      )
    : '';
  const collect =
    v.status === 'ready_for_collection'
      ? apiForm(
          `POST /requests/${no}/sign-off`,
          html`<label>${L('collectedBy')} <input name="signedBy" required value="${v.intake.contactName}" /></label>
            <label
              >${L('satisfied')}
              <select name="satisfied" data-type="bool">
                <option value="true">${L('yes')}</option>
                <option value="false">${L('no')}</option>
              </select></label
            >
            <label>${L('comment')} <input name="comment" data-optional /></label>`,
          L('collection'),
          { step: 'collection' },
        )
      : '';
  return html`<section class="card carry-in">
    <h2>${L('carryIn')} · ${p.name}</h2>
    <p>${p.address}${p.openingHours ? ` · ${p.openingHours}` : ''}${p.phone ? ` · ${p.phone}` : ''}</p>
    ${
      c.receivedAt
        ? html`<p class="received">
            ${L('receiveUnit')}: ${time(c.receivedAt)} · ${c.receivedBy} · ${L('benchEngineer')}: ${v.engineerId} ·
            ${c.condition}${c.accessories?.length ? ` · ${c.accessories.join(', ')}` : ''}
          </p>`
        : ''
    }
    ${storageLine(L, c)}${receive}${handOver}${collect}
  </section>`;
}

/** The customer's page: where to bring the unit and when it is open; then what the counter noted; then collect it. */
export function carryInForCustomer(lang: Lang, v: ServiceRequestView): Html {
  const c = v.carryIn;
  if (!c) return html``;
  const L = (k: string) => t(lang, k);
  const p = c.servicePoint;
  const step =
    v.status === 'awaiting_unit' ? L('bringUnit') : v.status === 'ready_for_collection' ? L('collectUnit') : '';
  return html`<section class="card carry-in">
    <h2>${L('servicePoint')}: ${p.name}</h2>
    ${step ? html`<p class="carry-in-step">${step}</p>` : ''}
    <p>${p.address}${p.openingHours ? ` · ${p.openingHours}` : ''}${p.phone ? ` · ${p.phone}` : ''}</p>
    ${c.receivedAt ? html`<p>${L('receiveUnit')}: ${time(c.receivedAt)} · ${c.condition}</p>` : ''} ${storageLine(L, c)}
  </section>`;
}
