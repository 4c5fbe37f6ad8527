/**
 * The maintenance planner (R-MAINT-1, R-ASSET-2): the plans — by calendar, by a counter, or both — with their
 * next due date or counter threshold, each paused, resumed, opened now or ended with a reason; and a new plan
 * for a unit or a contract with its checklist. Each form is the API call any client makes.
 */
import { CHECK_KINDS, PLAN_INTERVALS_MONTHS } from '../../shared/maintenance/types';
import { t, type Lang } from './i18n';
import { apiForm, html, type Html } from './layout';

export interface PlanRow {
  planId: string;
  serialNumber?: string | null;
  contractNo?: string | null;
  region?: string | null;
  status: string;
  everyMonths?: number | null;
  firstDue?: string | null;
  leadDays?: number;
  usage?: { counter: string; every: number; from?: number; openBefore?: number } | null;
  checklist?: { item: string; kind: string }[];
  /** The next due date of a calendar plan (computed by the page's route). */
  nextDue?: string | null;
}

export function maintenancePlanner(lang: Lang, plans: PlanRow[]): Html {
  const L = (k: string) => t(lang, k);
  const act = (p: PlanRow, what: string, label: string, withReason = true) =>
    apiForm(
      `POST /maintenance-plans/${p.planId}/${what}`,
      withReason ? html`<input name="reason" required placeholder="${L('reason')}" />` : html``,
      label,
      { step: `plan-${what}` },
    );
  const rule = (p: PlanRow) =>
    html`${p.everyMonths ? html`${L('everyMonths')} ${p.everyMonths} · ${L('nextDue')} ${p.nextDue ?? '–'}` : ''}
    ${p.usage ? html`<br />${L('everyCounter')} ${p.usage.every} ${p.usage.counter} (${L('countFrom')} ${p.usage.from ?? 0})` : ''}`;
  const rows = plans.map(
    (p) =>
      html`<tr data-plan="${p.planId}" data-status="${p.status}">
        <td>
          ${p.planId}<br /><small>${p.serialNumber ?? `${L('contract')} ${p.contractNo}`} · ${p.region ?? ''}</small>
        </td>
        <td>${rule(p)}</td>
        <td>${(p.checklist ?? []).map((c) => c.item).join(', ')}</td>
        <td class="status">${L(`plan_${p.status}`)}</td>
        <td>
          ${p.status === 'active' ? html`${act(p, 'trigger', L('openNow'), false)}${act(p, 'pause', L('pausePlan'))}` : ''}
          ${p.status === 'paused' ? act(p, 'resume', L('resumePlan')) : ''}
          ${p.status !== 'ended' ? act(p, 'end', L('endPlan')) : ''}
        </td>
      </tr>`,
  );
  return html`<section class="card plans">
      <h2>${L('maintenancePlans')}</h2>
      ${
        plans.length
          ? html`<table>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<p class="muted">${L('nothing')}</p>`
      }
    </section>
    <section class="card new-plan">
      <h2>${L('newPlan')}</h2>
      ${apiForm(
        'POST /maintenance-plans',
        html`<label>${L('unit')} <input name="serialNumber" data-optional placeholder="WT-2023-0042" /></label>
          <label>${L('orContract')} <input name="contractNo" data-optional /></label>
          <label
            >${L('everyMonths')}
            <select name="everyMonths" data-type="number" data-optional>
              <option value="">–</option>
              ${PLAN_INTERVALS_MONTHS.map((n) => html`<option value="${n}">${n}</option>`)}
            </select></label
          >
          <label>${L('firstDue')} <input name="firstDue" type="date" data-optional /></label>
          <label>${L('leadDays')} <input name="leadDays" type="number" data-type="number" required value="7" /></label>
          <fieldset>
            <legend>${L('byCounter')}</legend>
            <label>${L('counterName')} <input name="usage.counter" data-optional placeholder="runningHours" /></label>
            <label
              >${L('everyCounter')} <input name="usage.every" type="number" data-type="number" data-optional
            /></label>
            <label>${L('countFrom')} <input name="usage.from" type="number" data-type="number" data-optional /></label>
            <label
              >${L('openBefore')} <input name="usage.openBefore" type="number" data-type="number" data-optional
            /></label>
          </fieldset>
          <label
            >${L('checklistLines')}
            <textarea
              name="checklist"
              data-type="checklist"
              required
              rows="4"
              placeholder="inspection: check the yaw brake"
            ></textarea>
          </label>
          <p class="muted">${CHECK_KINDS.join(', ')}</p>
          <label>${L('preferredWindow')} <input name="preferredWindow" data-optional /></label>`,
        L('createPlan'),
        { step: 'new-plan' },
      )}
    </section>`;
}
