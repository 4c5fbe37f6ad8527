/**
 * The administrator's policies: each SLA policy (clock budgets per urgency, in hours) and the service
 * policy (follow-up, reminders, retention, quotations, warranty), with their versions, and the business
 * calendars the SLA clocks may count service hours on (R-SLA-6). Publishing sends
 * the whole policy (PUT /sla-policies/{key}, PUT /service-policy): a new version, for new requests only.
 */
import type { BusinessCalendar, SlaPolicy } from '../../shared/sla/types';
import { CLOCK_NAMES } from '../../shared/sla/types';
import { SERVICE_POLICY_DEFAULTS } from '../../shared/servicePolicy/schemas';
import { t, type Lang } from './i18n';
import { apiForm, html, time, type Html } from './layout';
import { calendarsSection } from './calendarPages';
import { kindNav } from './masterDataPages';

const HOUR = 3_600_000;
const hours = (ms: unknown) => (typeof ms === 'number' ? String(Math.round((ms / HOUR) * 1000) / 1000) : '');
const URGENCIES = ['urgent', 'important', 'general'] as const;

export interface PolicyVersionLine {
  version: number;
  changedBy?: string | null;
  at?: string | Date | null;
}

const versionList = (versions: PolicyVersionLine[]) =>
  html`<ol class="versions">
    ${[...versions]
      .reverse()
      .map(
        (v) =>
          html`<li data-version="${v.version}">
            v${v.version} · ${time(v.at ? new Date(v.at).toISOString() : null)} · ${v.changedBy ?? ''}
          </li>`,
      )}
  </ol>`;

function slaForm(
  lang: Lang,
  p: SlaPolicy & Record<string, any>,
  versions: PolicyVersionLine[],
  calendarKeys: string[],
): Html {
  const L = (k: string) => t(lang, k);
  const budget = (u: string, c: string) =>
    html`<td>
      <input
        name="budgets.${u}.${c}"
        data-type="hours"
        type="number"
        step="0.01"
        min="0.02"
        value="${hours(p.budgets?.[u as 'urgent']?.[c as 'response'])}"
        data-optional
      />
    </td>`;
  const fields = html`<label>name <input name="name" required value="${p.name}" /></label>
    <table class="budgets">
      <thead>
        <tr>
          <th>${L('hours')}</th>
          ${CLOCK_NAMES.map((c) => html`<th>${c}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${URGENCIES.map(
          (u) =>
            html`<tr>
              <th>${u}</th>
              ${CLOCK_NAMES.map((c) => budget(u, c))}
            </tr>`,
        )}
      </tbody>
    </table>
    <label
      >warnAtShare <input name="warnAtShare" data-type="number" type="number" step="0.05" value="${p.warnAtShare}"
    /></label>
    <label
      >managerEscalationDelay (${L('hours')})
      <input
        name="managerEscalationDelayMs"
        data-type="hours"
        type="number"
        step="0.01"
        value="${hours(p.managerEscalationDelayMs)}"
    /></label>
    <label
      >offerAcceptance (${L('hours')})
      <input name="offerAcceptanceMs" data-type="hours" type="number" step="0.01" value="${hours(p.offerAcceptanceMs)}"
    /></label>
    <label
      >${L('businessHours')}: ${L('calendar')}
      <select name="businessHours.calendar" data-optional>
        <option value="">– ${L('elapsed')} –</option>
        ${calendarKeys.map(
          (k) => html`<option value="${k}" ${p.businessHours?.calendar === k ? 'selected' : ''}>${k}</option>`,
        )}
      </select></label
    >
    <label
      >${L('businessClocks')}
      <select name="businessHours.clocks" data-type="multi" multiple data-optional>
        ${CLOCK_NAMES.map(
          (c) => html`<option value="${c}" ${p.businessHours?.clocks.includes(c) ? 'selected' : ''}>${c}</option>`,
        )}
      </select></label
    >
    <label
      >byKind (JSON)
      <textarea name="byKind" data-type="json" data-optional rows="2">
${p.byKind ? JSON.stringify(p.byKind) : ''}</textarea>
    </label>`;
  return html`<section class="card sla-policy" data-policy="${p.key}" data-version="${p.version}">
    <h2>${L('slaPolicies')}: ${p.key} · v${p.version}</h2>
    ${apiForm(`PUT /sla-policies/${p.key}`, fields, L('publish'), { step: `sla-${p.key}` })} ${versionList(versions)}
  </section>`;
}

const SERVICE_HOURS = [
  'followUpDelayMs',
  'followUpGraceMs',
  'appointmentReminderLeadMs',
  'engineerCallLeadMs',
  'quoteReminderMs',
  'quoteExpiryMs',
];
const SERVICE_DAYS = [
  'archiveRetentionDays',
  'workWarrantyDays',
  'improvementDueDays',
  'improvementReminderDays',
  'suggestionReviewDays',
];

function serviceForm(lang: Lang, stored: Record<string, any>): Html {
  const p: Record<string, any> = { ...SERVICE_POLICY_DEFAULTS, ...stored };
  const L = (k: string) => t(lang, k);
  const fields = html`${SERVICE_HOURS.map(
      (f) =>
        html`<label
          >${f.replace(/Ms$/, '')} (${L('hours')})
          <input name="${f}" data-type="hours" type="number" step="0.01" required value="${hours(p[f])}"
        /></label>`,
    )}
    ${SERVICE_DAYS.map(
      (f) =>
        html`<label
          >${f.replace(/Days$/, '')} (${L('days')})
          <input name="${f}" data-type="number" type="number" required value="${p[f] ?? ''}"
        /></label>`,
    )}
    <label class="check"
      ><input type="checkbox" name="diagnosisFeeOnDecline" ${p.diagnosisFeeOnDecline ? 'checked' : ''} />
      diagnosisFeeOnDecline</label
    >`;
  return html`<section class="card service-policy" data-version="${p.version}">
    <h2>${L('servicePolicy')} · v${p.version}</h2>
    ${apiForm('PUT /service-policy', fields, L('publish'), { step: 'service-policy' })} ${versionList(p.versions ?? [])}
  </section>`;
}

export function policiesPage(
  lang: Lang,
  sla: { policy: SlaPolicy & Record<string, any>; versions: PolicyVersionLine[] }[],
  service: Record<string, any> | null,
  calendars: { calendar: BusinessCalendar; versions: number }[],
): Html {
  const keys = calendars.map((c) => c.calendar.key);
  return html`${kindNav(lang)}${service ? serviceForm(lang, service) : ''}${sla.map((s) =>
    slaForm(lang, s.policy, s.versions, keys),
  )}${calendarsSection(lang, calendars)}`;
}
