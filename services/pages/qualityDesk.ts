/**
 * Quality staff's desk (R-FOLLOW-2): the improvement-action board, soonest due first, with the owner, the
 * due date and what is overdue; a done action is verified (adopted) or rejected with a reason, through the
 * same API calls as any client (POST /improvement-actions/{id}/verify · /reject).
 */
import { t, type Lang } from './i18n';
import { apiForm, html, time, type Html } from './layout';

export interface ActionRow {
  actionId: string;
  title?: string | null;
  ownerId?: string | null;
  status: string;
  dueAt?: string | null;
  outcome?: string | null;
  requestNo?: string | null;
}

export function qualityDesk(lang: Lang, rows: ActionRow[], now: string): Html {
  const L = (k: string) => t(lang, k);
  const open = (s: string) => s === 'open' || s === 'in_progress';
  const decide = (a: ActionRow) =>
    a.status === 'done'
      ? html`${apiForm(
          `POST /improvement-actions/${a.actionId}/verify`,
          html`<input name="note" placeholder="${L('note')}" data-optional />`,
          L('verify'),
        )}${apiForm(
          `POST /improvement-actions/${a.actionId}/reject`,
          html`<input name="reason" required placeholder="${L('reason')}" />`,
          L('reject'),
        )}`
      : html``;
  const body = rows.map(
    (a) =>
      html`<tr data-action="${a.actionId}" class="${open(a.status) && a.dueAt && a.dueAt < now ? 'overdue' : ''}">
        <td>${a.actionId}${a.requestNo ? html`<br /><small>${a.requestNo}</small>` : ''}</td>
        <td>${a.title ?? ''}${a.outcome ? html`<br /><small>${a.outcome}</small>` : ''}</td>
        <td>${a.ownerId ?? ''}</td>
        <td class="status">${L(`ia_${a.status}`)}</td>
        <td>
          ${time(a.dueAt)}${open(a.status) && a.dueAt && a.dueAt < now ? html` <strong>${L('overdue')}</strong>` : ''}
        </td>
        <td>${decide(a)}</td>
      </tr>`,
  );
  return html`<section class="card">
    <h2>${L('improvementBoard')}</h2>
    ${
      rows.length
        ? html`<table class="actions">
            <thead>
              <tr>
                <th>${L('action')}</th>
                <th>${L('what')}</th>
                <th>${L('owner')}</th>
                <th>${L('state')}</th>
                <th>${L('due')}</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${body}
            </tbody>
          </table>`
        : html`<p class="muted">${L('nothing')}</p>`
    }
  </section>`;
}
