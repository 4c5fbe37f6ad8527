/**
 * The administrator's connections to other systems: webhook subscriptions (subscribe a URL to event
 * types, the signing secret shown once; deactivate) and service tokens (issue one for a system with an
 * expiry, the token shown once; revoke). Each form is the API call any client makes.
 */
import { ALL_EVENT_TYPES } from '../../shared/serviceRequest/events';
import { t, type Lang } from './i18n';
import { apiForm, html, time, type Html } from './layout';
import { kindNav } from './masterDataPages';

export interface WebhookLine {
  _id: string;
  url: string;
  eventTypes?: string[] | null;
  active?: boolean | null;
  description?: string | null;
}
export interface TokenLine {
  _id: string;
  name: string;
  createdBy?: string | null;
  expiresAt?: Date | null;
  revokedAt?: Date | null;
}

export function integrationsPage(lang: Lang, hooks: WebhookLine[], tokens: TokenLine[], now: Date): Html {
  const L = (k: string) => t(lang, k);
  const subscribe = apiForm(
    'POST /webhooks',
    html`<label>URL <input name="url" type="url" required placeholder="https://erp.example/hooks" /></label>
      <label
        >${L('what')}
        <select name="eventTypes" multiple data-type="multi" size="4">
          ${ALL_EVENT_TYPES.map((e) => html`<option value="${e}">${e}</option>`)}
        </select></label
      >
      <label>${L('description')} <input name="description" data-optional /></label>`,
    L('create'),
    { show: 'secret', step: 'subscribe' },
  );
  const hook = (w: WebhookLine) =>
    html`<tr data-webhook="${w._id}" class="${w.active === false ? 'inactive' : ''}">
      <td>${w.url}<br /><small>${w.description ?? ''}</small></td>
      <td>${w.eventTypes?.length ? w.eventTypes.join(', ') : '*'}</td>
      <td>${w.active === false ? L('inactive') : L('active')}</td>
      <td>${w.active === false ? '' : apiForm(`POST /webhooks/${w._id}/deactivate`, html``, L('deactivate'))}</td>
    </tr>`;
  const issue = apiForm(
    'POST /admin/service-tokens',
    html`<label>${L('name')} <input name="name" required placeholder="erp" /></label>
      <label
        >${L('expires')} (${L('days')})
        <input name="expiresInDays" type="number" data-type="number" min="1" value="30" required
      /></label>`,
    L('issueToken'),
    { show: 'token', step: 'issue-token' },
  );
  const token = (k: TokenLine) => {
    const state = k.revokedAt ? L('revoked') : k.expiresAt && k.expiresAt <= now ? L('tokenExpired') : L('active');
    return html`<tr data-token="${k._id}">
      <td>${k._id}</td>
      <td>${k.name}</td>
      <td>${k.createdBy ?? ''}</td>
      <td>${time(k.expiresAt?.toISOString())}</td>
      <td class="state">${state}</td>
      <td>${k.revokedAt ? '' : apiForm(`POST /admin/service-tokens/${k._id}/revoke`, html``, L('revoke'))}</td>
    </tr>`;
  };
  return html`${kindNav(lang)}
    <section class="card">
      <h2>${L('webhooks')}</h2>
      ${subscribe}
      <table class="webhooks">
        <tbody>
          ${hooks.map(hook)}
        </tbody>
      </table>
    </section>
    <section class="card">
      <h2>${L('serviceTokens')}</h2>
      ${issue}
      <table class="tokens">
        <tbody>
          ${tokens.map(token)}
        </tbody>
      </table>
    </section>`;
}
