/**
 * The administrator's desk: staff accounts (create, deactivate or reactivate, reset a password: each a new
 * version, and deactivation or a reset ends the account's sessions at once) and the notifications given up
 * on (re-send). Every form is the same API call any client makes (`/api/v1/admin/accounts…`, `/outbox…`).
 */
import { STAFF_ROLES } from '../../shared/common/actor';
import { t, type Lang } from './i18n';
import { kindNav } from './masterDataPages';
import { apiForm, html, time, type Html } from './layout';

export interface AccountLine {
  username: string;
  displayName: unknown;
  role: unknown;
  engineerId: unknown;
  email?: unknown;
  regions?: unknown;
  active: unknown;
  version: unknown;
  signOn?: unknown;
}
export interface StuckMessage {
  key: string;
  to?: string | null;
  subject?: string | null;
  lastError?: string | null;
  createdAt?: Date | null;
}

export function adminDesk(lang: Lang, accounts: AccountLine[], stuck: StuckMessage[], me: string): Html {
  const L = (k: string) => t(lang, k);
  const create = apiForm(
    'POST /admin/accounts',
    html`<input name="username" required placeholder="${L('username')}" />
      <input name="displayName" required placeholder="${L('displayName')}" />
      <input name="email" type="email" placeholder="e-mail" data-optional />
      <select name="role">
        ${STAFF_ROLES.map((r) => html`<option value="${r}">${r}</option>`)}
      </select>
      <input name="engineerId" placeholder="ENG-…" data-optional />
      <input name="regions" data-type="list" placeholder="${L('regions')}" data-optional />
      <input name="password" type="password" required minlength="12" placeholder="${L('password')}" />`,
    L('createAccount'),
  );
  const row = (a: AccountLine) =>
    html`<tr data-account="${a.username}" class="${a.active ? '' : 'inactive'}">
      <td>${a.username}</td>
      <td>${String(a.displayName)}</td>
      <td>
        ${String(a.role)}${a.engineerId ? ` (${String(a.engineerId)})` : ''}
        <br /><small class="regions">${Array.isArray(a.regions) ? a.regions.join(', ') : ''}</small>
      </td>
      <td class="active">${a.active ? L('active') : L('inactive')}</td>
      <td>v${String(a.version)}</td>
      <td>
        ${
          a.username === me
            ? ''
            : apiForm(
                `POST /admin/accounts/${a.username}/${a.active ? 'deactivate' : 'reactivate'}`,
                html``,
                a.active ? L('deactivate') : L('reactivate'),
              )
        }
        ${
          a.signOn === 'oidc'
            ? html`<small class="sso">${L('ssoAccount')}</small>`
            : html`<details>
                  <summary>${L('edit')}</summary>
                  ${apiForm(
                    `PUT /admin/accounts/${a.username}`,
                    html`<input name="displayName" required value="${String(a.displayName)}" />
                      <input name="email" type="email" value="${String(a.email ?? '')}" data-optional />
                      <select name="role">
                        ${STAFF_ROLES.map((r) => html`<option value="${r}" ${r === a.role ? 'selected' : ''}>${r}</option>`)}
                      </select>
                      <input
                        name="engineerId"
                        value="${String(a.engineerId ?? '')}"
                        placeholder="ENG-…"
                        data-optional
                      />
                      <input
                        name="regions"
                        data-type="list"
                        value="${Array.isArray(a.regions) ? a.regions.join(', ') : ''}"
                        placeholder="${L('regions')}"
                      />`,
                    L('save'),
                    { step: 'edit' },
                  )}
                </details>
                ${apiForm(
                  `POST /admin/accounts/${a.username}/password`,
                  html`<input
                    name="password"
                    type="password"
                    required
                    minlength="12"
                    placeholder="${L('newPassword')}"
                  />`,
                  L('resetPassword'),
                )}`
        }
      </td>
    </tr>`;
  const message = (m: StuckMessage) =>
    html`<li data-key="${m.key}">
      ${time(m.createdAt?.toISOString())} · ${m.to ?? ''} · ${m.subject ?? ''} · <small>${m.lastError ?? ''}</small>
      ${apiForm(`POST /outbox/${encodeURIComponent(m.key)}/resend`, html``, L('resend'))}
    </li>`;
  return html`${kindNav(lang)}
    <section class="card">
      <h2>${L('accounts')}</h2>
      ${create}
      <table class="accounts">
        <tbody>
          ${accounts.map(row)}
        </tbody>
      </table>
    </section>
    <section class="card">
      <h2>${L('undeliverable')}</h2>
      ${
        stuck.length
          ? html`<ul class="outbox">
              ${stuck.map(message)}
            </ul>`
          : html`<p class="muted">${L('nothing')}</p>`
      }
    </section>`;
}
