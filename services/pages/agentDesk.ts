/**
 * The agent's desk (R-INTAKE-1..7): find the customer and unit of a call by phone, name or serial number,
 * see the unit's earlier requests and how they were solved before saving (R-INTAKE-7), what the warranty
 * says (the entitlement the system will decide) and the SLA policy it will run under, then take the
 * request in through the same API call as any other client (POST /requests).
 */
import type { EarlierRequest } from '../../shared/storage/unitRequestLog';
import { statusLabel, t, type Lang } from './i18n';
import { apiForm, html, type Html } from './layout';
import { agentQueues, type AgentQueues } from './agentQueues';
import { allowanceLine } from './contractLine';
import { recordSuggestionForm } from './suggestionForms';
import type { AllowanceUse } from '../../shared/contract/allowance';

export interface UnitCard {
  serialNumber: string;
  model: string;
  productLine: string;
  warrantyEnd: string;
  customerId: string;
  customerName: string;
  phone?: string;
  siteAddress?: string;
  region?: string;
  contactName?: string;
  contactPhone?: string;
  slaPolicy?: string;
  /** R-ENTITLE-1: the unit's service contract valid today, with what is left of its allowance. */
  contract?: { contractNo: string; end: string; allowance?: AllowanceUse };
  /** R-ASSET-1: the unit's components, for the request to be about one. */
  components?: { assetId: string; path: string }[];
  /** R-TRIAGE-2: where the customer can bring the unit for a carry-in repair. */
  servicePoints?: { id: string; name?: string | null }[];
}

export interface AgentDesk {
  q: string;
  matches: UnitCard[];
  chosen?: UnitCard;
  earlier: EarlierRequest[];
  today: string;
  queues?: AgentQueues;
}

export function agentDesk(lang: Lang, d: AgentDesk): Html {
  const L = (k: string) => t(lang, k);
  const search = html`<form method="get" action="/app/agent" class="lookup">
    <label
      >${L('findUnit')} <input name="q" value="${d.q}" placeholder="${L('findHint')}" autocomplete="off" autofocus
    /></label>
    <button type="submit">${L('search')}</button>
  </form>`;
  const matches = d.q
    ? d.matches.length
      ? html`<ul class="matches">
          ${d.matches.map(
            (u) =>
              html`<li>
                <a href="/app/agent?serial=${encodeURIComponent(u.serialNumber)}"
                  ><strong>${u.serialNumber}</strong> · ${u.model} ·
                  ${u.customerName}${u.phone ? ` · ${u.phone}` : ''}</a
                >
              </li>`,
          )}
        </ul>`
      : html`<p class="muted">${L('nothing')}</p>`
    : html``;
  // The page script refreshes #matches as the agent types (the same page, read again with ?q=).
  return html`<section class="card">
      ${search}
      <div id="matches">${matches}</div>
    </section>
    ${d.chosen ? chosen(lang, d.chosen, d.earlier, d.today) : d.queues ? agentQueues(lang, d.queues) : html``}`;
}

function chosen(lang: Lang, u: UnitCard, earlier: EarlierRequest[], today: string): Html {
  const L = (k: string) => t(lang, k);
  const inWarranty = u.warrantyEnd >= today;
  const history = earlier.length
    ? html`<ul class="earlier">
        ${earlier.map(
          (e) =>
            html`<li>
              <strong>${e.requestNo}</strong> · ${statusLabel(lang, (e.status ?? 'received') as never)} ·
              ${e.resolution ?? L('noResolution')}
            </li>`,
        )}
      </ul>`
    : html`<p class="muted">${L('noEarlier')}</p>`;
  const hidden = (name: string, value?: string) =>
    value ? html`<input type="hidden" name="${name}" value="${value}" />` : html``;
  const select = (name: string, options: string[]) =>
    html`<select name="${name}">
      ${options.map((o) => html`<option value="${o}">${o}</option>`)}
    </select>`;
  const fields = html`${hidden('customerId', u.customerId)}${hidden('serialNumber', u.serialNumber)}
    <label>${L('channel')} ${select('channel', ['hotline', 'email', 'web', 'messaging', 'dealer', 'app'])}</label>
    <label>${L('kind')} ${select('kind', ['fault_repair', 'maintenance', 'commissioning', 'consultation'])}</label>
    <label>${L('urgency')} ${select('urgency', ['important', 'urgent', 'normal'])}</label>
    <label>${L('contactName')} <input name="contactName" required value="${u.contactName ?? u.customerName}" /></label>
    <label
      >${L('contactPhone')} <input name="contactPhone" required value="${u.contactPhone ?? u.phone ?? ''}"
    /></label>
    <label>${L('siteAddress')} <input name="siteAddress" required value="${u.siteAddress ?? ''}" /></label>
    <label>${L('region')} <input name="region" required value="${u.region ?? ''}" /></label>
    ${
      u.components?.length
        ? html`<label
            >${L('component')}
            <select name="assetId" data-optional>
              <option value="">–</option>
              ${u.components.map((c) => html`<option value="${c.assetId}">${c.path}</option>`)}
            </select></label
          >`
        : ''
    }
    <label>${L('symptoms')} <textarea name="fault.symptoms" required rows="3"></textarea></label>
    <label class="check"><input type="checkbox" name="selfChecks.powerChecked" /> ${L('powerChecked')}</label>
    <label class="check"><input type="checkbox" name="selfChecks.valvesChecked" /> ${L('valvesChecked')}</label>
    <label class="check"><input type="checkbox" name="remoteGuidanceFirst" /> ${L('remoteFirst')}</label>
    <label class="check"><input type="checkbox" name="visitNeeded" checked /> ${L('visitNeeded')}</label>
    ${carryInFields(lang, u)}`;
  return html`<section class="card unit" data-serial="${u.serialNumber}">
      <h2>${u.serialNumber} · ${u.model}</h2>
      <p>${u.customerName} (${u.customerId})${u.siteAddress ? ` · ${u.siteAddress}` : ''}</p>
      <p class="entitlement">
        ${inWarranty ? L('inWarranty') : L('outOfWarranty')} ${u.warrantyEnd} ·
        ${inWarranty ? L('willBeFree') : u.contract ? L('willBeContract') : L('willBePaid')} · ${L('slaPolicy')}:
        ${u.slaPolicy ?? '–'}
      </p>
      ${u.contract ? allowanceLine(lang, u.contract.contractNo, u.contract.allowance) : ''}
    </section>
    <section class="card">
      <h2>${L('earlierRequests')}</h2>
      ${history}
    </section>
    <section class="card">
      <h2>${L('takeIn')}</h2>
      ${apiForm('POST /requests', fields, L('takeIn'), { goto: '/app/agent/requests/' })}
    </section>
    ${recordSuggestionForm(lang, u.customerId)}`;
}

/** R-TRIAGE-2: an engineer visits (the default), or the customer brings the unit to a service point (送修). */
function carryInFields(lang: Lang, u: UnitCard): Html {
  const L = (k: string) => t(lang, k);
  if (!u.servicePoints?.length) return html``;
  return html`<label
      >${L('serviceMode')}
      <select name="serviceMode">
        <option value="on_site">${L('onSiteVisit')}</option>
        <option value="carry_in">${L('carryIn')}</option>
      </select></label
    >
    <label
      >${L('servicePoint')}
      <select name="servicePointId" data-optional>
        <option value="">–</option>
        ${u.servicePoints.map((p) => html`<option value="${p.id}">${p.name ?? p.id}</option>`)}
      </select></label
    >`;
}
