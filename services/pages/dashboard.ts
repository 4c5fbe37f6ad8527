/**
 * The supervisor's and managers' dashboard (R-RECORD-3, R-RECORD-4): each month's KPIs against their
 * targets as a table (with suggestions received and adopted, R-TRIAGE-3) and as charts (Chart.js, served from its installed package: small, canvas only, no
 * dependencies), per region, engineer or product line; and the quarterly audit export as CSV downloads.
 */
import { t, type Lang } from './i18n';
import { Html, html } from './layout';
import type { DashboardQuery, MonthKpis } from './dashboardData';

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 1000) / 10} %`);
const num = (v: number | null) => (v === null ? '–' : String(Math.round(v * 10) / 10));

export function dashboard(lang: Lang, q: DashboardQuery, months: MonthKpis[], canExport: boolean): Html {
  const L = (k: string) => t(lang, k);
  const dims = ['all', 'region', 'engineerId', 'productLine'] as const;
  const form = html`<form method="get" action="/app/dashboard" class="period">
    <label>${L('from')} <input type="month" name="from" value="${q.from}" /></label>
    <label>${L('to')} <input type="month" name="to" value="${q.to}" /></label>
    <label
      >${L('by')}
      <select name="dimension">
        ${dims.map((d) => html`<option value="${d}" ${q.dimension === d ? html`selected` : ''}>${L(`dim_${d}`)}</option>`)}
      </select></label
    >
    <input name="value" value="${q.value}" placeholder="east · ENG-001 · ups" />
    <button type="submit">${L('show')}</button>
  </form>`;
  const row = (m: MonthKpis) => {
    const cell = (k: { value: number | null; target: number; met: boolean | null }, f: typeof pct) =>
      html`<td class="${k.met === false ? 'missed' : k.met ? 'met' : ''}">
        ${f(k.value)} <small>/ ${f(k.target)}</small>
      </td>`;
    return html`<tr data-month="${m.month}">
      <td>${m.month}</td>
      <td>${m.requests}</td>
      ${cell(m.responseMinutes, num)} ${cell(m.arrivalOnTimeShare, pct)} ${cell(m.firstTimeFixShare, pct)}
      ${cell(m.repairHours, num)} ${cell(m.satisfactionShare, pct)}
      <td>${m.complaints}</td>
      <td class="suggestions">${m.suggestions.received} <small>/ ${m.suggestions.adopted}</small></td>
    </tr>`;
  };
  const data = {
    months: months.map((m) => m.month),
    requests: months.map((m) => m.requests),
    firstTimeFixShare: months.map((m) => m.firstTimeFixShare.value),
    arrivalOnTimeShare: months.map((m) => m.arrivalOnTimeShare.value),
    satisfactionShare: months.map((m) => m.satisfactionShare.value),
    complaints: months.map((m) => m.complaints),
    labels: {
      requests: L('requests'),
      ftf: L('kpi_ftf'),
      arrival: L('kpi_arrival'),
      satisfaction: L('kpi_satisfaction'),
      complaints: L('complaints'),
    },
  };
  const from = `${q.from}-01T00:00:00.000Z`;
  const end = new Date(Date.UTC(+q.to.slice(0, 4), +q.to.slice(5, 7), 1) - 1).toISOString();
  const exportLink = (what: string) =>
    html`<a
      class="export"
      data-what="${what}"
      href="/api/v1/audit/export?what=${what}&amp;from=${from}&amp;to=${end}&amp;format=csv"
      >${L(`export_${what}`)}</a
    >`;
  // The audit export is for admin and quality staff (its API's roles); the period is the one shown.
  const auditExport = html`<section class="card">
    <h2>${L('auditExport')}</h2>
    <p>
      ${['requests', 'breaches', 'complaints', 'improvements'].map((w, i) => html`${i ? ' · ' : ''}${exportLink(w)}`)}
    </p>
  </section>`;
  return html`<section class="card">${form}</section>
    <section class="card charts">
      <canvas id="kpi-chart" height="120"></canvas>
      <canvas id="volume-chart" height="80"></canvas>
      <script type="application/json" id="kpi-data">
        ${new Html(JSON.stringify(data).replace(/</g, '\\u003c'))}
      </script>
    </section>
    <section class="card">
      <table class="kpis">
        <thead>
          <tr>
            <th>${L('month')}</th>
            <th>${L('requests')}</th>
            <th>${L('kpi_response')}</th>
            <th>${L('kpi_arrival')}</th>
            <th>${L('kpi_ftf')}</th>
            <th>${L('kpi_repair')}</th>
            <th>${L('kpi_satisfaction')}</th>
            <th>${L('complaints')}</th>
            <th>${L('kpi_suggestions')}</th>
          </tr>
        </thead>
        <tbody>
          ${months.map(row)}
        </tbody>
      </table>
    </section>
    ${canExport ? auditExport : ''}
    <script src="/assets/chart.js" defer></script>
    <script src="/assets/dashboard.js" defer></script>`;
}
