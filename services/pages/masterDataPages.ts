/**
 * The administrator's master data (desks issue): each kind listed a page at a time (active or not),
 * a record with its edit form and every version (who, when, why, what), and the form to create one.
 * Forms call PUT/POST /admin/{kind}… like any client; nothing here writes.
 */
import { MASTER_DATA, MASTER_DATA_KINDS, type MasterDataKind } from '../../shared/masterData/schemas';
import { RULES } from '../../shared/storage/masterDataRules';
import { t, type Lang } from './i18n';
import { apiForm, html, time, type Html } from './layout';
import { masterDataFields } from './masterDataForm';

type Doc = Record<string, unknown>;
export const PAGE_SIZE = 50;

export const kindNav = (lang: Lang, current?: string) =>
  html`<nav class="kinds">
    ${MASTER_DATA_KINDS.map(
      (k) => html`<a href="/app/admin/data/${k}" class="${k === current ? 'current' : ''}">${k}</a> `,
    )}
    · <a href="/app/admin/policies">${t(lang, 'slaPolicies')} / ${t(lang, 'servicePolicy')}</a> ·
    <a href="/app/admin/integrations">${t(lang, 'webhooks')} / ${t(lang, 'serviceTokens')}</a>
  </nav>`;

/** A short line for a record: its name-like fields after the id. */
const label = (d: Doc) =>
  ['name', 'address', 'model', 'description', 'customerId']
    .map((f) => d[f])
    .filter((v) => typeof v === 'string')
    .slice(0, 2)
    .join(' · ');

export function masterDataList(
  lang: Lang,
  kind: MasterDataKind,
  page: { items: Doc[]; total: number; offset: number },
  active: string,
): Html {
  const L = (k: string) => t(lang, k);
  const { idField } = RULES[kind];
  const link = (offset: number) => `/app/admin/data/${kind}?offset=${offset}${active ? `&active=${active}` : ''}`;
  const rows = page.items.map(
    (d) =>
      html`<tr data-record="${String(d[idField])}" class="${d.active === false ? 'inactive' : ''}">
        <td><a href="/app/admin/data/${kind}/${encodeURIComponent(String(d[idField]))}">${String(d[idField])}</a></td>
        <td>${label(d)}</td>
        <td>v${String(d.version ?? 1)}</td>
        <td>${d.active === false ? L('inactive') : L('active')}</td>
      </tr>`,
  );
  return html`${kindNav(lang, kind)}
    <section class="card">
      <h2>${kind} (${page.total})</h2>
      <form method="get" action="/app/admin/data/${kind}" class="filters">
        <select name="active">
          <option value="">–</option>
          <option value="true" ${active === 'true' ? 'selected' : ''}>${L('active')}</option>
          <option value="false" ${active === 'false' ? 'selected' : ''}>${L('inactive')}</option>
        </select>
        <button type="submit">${L('search')}</button>
      </form>
      <table class="records">
        <tbody>
          ${rows}
        </tbody>
      </table>
      <p class="pages">
        ${page.offset > 0 ? html`<a href="${link(Math.max(0, page.offset - PAGE_SIZE))}">‹</a>` : ''}
        ${page.offset + 1}–${page.offset + page.items.length} / ${page.total}
        ${page.offset + PAGE_SIZE < page.total ? html`<a href="${link(page.offset + PAGE_SIZE)}" rel="next">›</a>` : ''}
      </p>
    </section>
    <section class="card">
      <h2>${L('create')}</h2>
      ${apiForm(`POST /admin/${kind}`, masterDataFields(MASTER_DATA[kind], idField), L('create'), {
        goto: `/app/admin/data/${kind}/`,
        'goto-field': idField,
      })}
    </section>`;
}

export interface Version {
  version?: number | null;
  by?: string | null;
  at?: Date | string | null;
  reason?: string | null;
  doc?: Doc | null;
}

export function masterDataRecord(lang: Lang, kind: MasterDataKind, doc: Doc, versions: Version[]): Html {
  const L = (k: string) => t(lang, k);
  const { idField } = RULES[kind];
  const id = String(doc[idField]);
  const path = `/admin/${kind}/${encodeURIComponent(id)}`;
  const when = (at: Version['at']) => time(at ? new Date(at).toISOString() : undefined);
  return html`${kindNav(lang, kind)}
    <section class="card record" data-record="${id}" data-version="${String(doc.version ?? 1)}">
      <h2>${kind} · ${id} · v${String(doc.version ?? 1)} · ${doc.active === false ? L('inactive') : L('active')}</h2>
      ${apiForm(
        `PUT ${path}`,
        html`${masterDataFields(MASTER_DATA[kind], idField, doc)}
          <label>${L('reason')} <input name="reason" data-optional /></label>`,
        L('save'),
        { step: 'change' },
      )}
      ${apiForm(
        `POST ${path}/${doc.active === false ? 'reactivate' : 'deactivate'}`,
        html`<label>${L('reason')} <input name="reason" required /></label>`,
        doc.active === false ? L('reactivate') : L('deactivate'),
        { step: 'activation' },
      )}
    </section>
    <section class="card">
      <h2>${L('versions')}</h2>
      <ol class="versions">
        ${[...versions].reverse().map(
          (v) =>
            html`<li data-version="${String(v.version)}">
              <strong>v${String(v.version)}</strong> · ${when(v.at)} · ${v.by ?? ''} · ${v.reason ?? ''}
              <details>
                <summary>${L('what')}</summary>
                <pre>${JSON.stringify(v.doc ?? {}, null, 2)}</pre>
              </details>
            </li>`,
        )}
      </ol>
    </section>`;
}
