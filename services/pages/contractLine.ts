/**
 * A service contract's allowance as a line for the agent's unit card, the request console and the
 * customer's page (R-ENTITLE-1): visits and on-site hours left in the period, and what happens past them.
 */
import type { AllowanceUse } from '../../shared/contract/allowance';
import { t, type Lang } from './i18n';
import { html, type Html } from './layout';

export function allowanceLine(lang: Lang, contractNo: string, use: AllowanceUse | undefined): Html {
  const L = (k: string) => t(lang, k);
  if (!use) return html`<p class="contract" data-contract="${contractNo}">${L('serviceContract')} ${contractNo}</p>`;
  const parts = [
    use.visits ? `${L('visitsLeft')} ${use.visits.left} / ${use.visits.allowed}` : '',
    use.hours ? `${L('hoursLeft')} ${use.hours.left} / ${use.hours.allowed}` : '',
  ].filter(Boolean);
  return html`<p
    class="contract allowance"
    data-contract="${contractNo}"
    data-visits-left="${use.visits?.left ?? ''}"
    data-hours-left="${use.hours?.left ?? ''}"
  >
    ${L('serviceContract')} ${contractNo} · ${use.period.start} → ${use.period.end}: ${parts.join(' · ')} ·
    ${L(use.beyond === 'paid' ? 'beyondPaid' : 'beyondApproval')}
  </p>`;
}
