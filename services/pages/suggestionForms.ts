/**
 * Suggestions on the desks (R-TRIAGE-3, 001 §5.1.1 建议): the agent records one from a call, the customer makes
 * one from their request page, and quality reviews the queue — each form the same API call any client makes.
 */
import { SUGGESTION_DECISIONS, SUGGESTION_TOPICS } from '../../shared/suggestion/types';
import { t, type Lang } from './i18n';
import { apiForm, html, time, type Html } from './layout';

export interface SuggestionRow {
  suggestionNo: string;
  customerName?: string | null;
  topic?: string | null;
  text?: string | null;
  requestNo?: string | null;
  receivedAt?: string | null;
  reviewDueAt?: string | null;
  reviewOverdue?: boolean | null;
}

const topics = (lang: Lang) =>
  html`<select name="topic">
    ${SUGGESTION_TOPICS.map((k) => html`<option value="${k}">${t(lang, `topic_${k}`)}</option>`)}
  </select>`;

/** The agent's desk: a suggestion the caller makes about the chosen unit's customer. */
export function recordSuggestionForm(lang: Lang, customerId: string): Html {
  const L = (k: string) => t(lang, k);
  return html`<section class="card suggestion">
    <h2>${L('recordSuggestion')}</h2>
    ${apiForm(
      'POST /suggestions',
      html`<input type="hidden" name="customerId" value="${customerId}" />
        <label
          >${L('channel')}
          <select name="channel">
            ${['hotline', 'email', 'messaging', 'sales', 'visit', 'dealer'].map((c) => html`<option>${c}</option>`)}
          </select></label
        >
        <label>${L('topic')} ${topics(lang)}</label>
        <label>${L('suggestionText')} <textarea name="text" required rows="2"></textarea></label>`,
      L('recordSuggestion'),
      { step: 'suggestion' },
    )}
  </section>`;
}

/** The customer's page: a suggestion about the service, linked to this request. */
export function customerSuggestionForm(lang: Lang, requestNo: string): Html {
  const L = (k: string) => t(lang, k);
  return html`<section class="card suggestion">
    <h2>${L('yourSuggestion')}</h2>
    ${apiForm(
      `POST /requests/${requestNo}/suggestions`,
      html`<label>${L('topic')} ${topics(lang)}</label>
        <label>${L('suggestionText')} <textarea name="text" required rows="2"></textarea></label>`,
      L('send'),
      { step: 'suggestion' },
    )}
  </section>`;
}

/** Quality's queue: suggestions awaiting review, the overdue first, each with its review form. */
export function suggestionQueue(lang: Lang, rows: SuggestionRow[]): Html {
  const L = (k: string) => t(lang, k);
  const sorted = [...rows].sort((a, b) => String(a.reviewDueAt).localeCompare(String(b.reviewDueAt)));
  const review = (s: SuggestionRow) =>
    apiForm(
      `POST /suggestions/${s.suggestionNo}/review`,
      html`<select name="decision">
          ${SUGGESTION_DECISIONS.map((d) => html`<option value="${d}">${L(`decision_${d}`)}</option>`)}
        </select>
        <textarea name="response" required rows="2" placeholder="${L('answerToCustomer')}"></textarea>
        <input name="improvement.title" data-optional placeholder="${L('actionTitle')}" />
        <input name="improvement.ownerId" data-optional placeholder="${L('actionOwner')}" />`,
      L('review'),
      { step: 'review-suggestion' },
    );
  return html`<section class="card suggestions">
    <h2>${L('suggestionsToReview')}</h2>
    ${
      sorted.length
        ? html`<table>
            <tbody>
              ${sorted.map(
                (s) =>
                  html`<tr data-suggestion="${s.suggestionNo}" class="${s.reviewOverdue ? 'overdue' : ''}">
                    <td>${s.suggestionNo}<br /><small>${s.customerName ?? ''} ${s.requestNo ?? ''}</small></td>
                    <td>${L(`topic_${s.topic}`)}<br />${s.text}</td>
                    <td>${time(s.reviewDueAt)}${s.reviewOverdue ? html` <strong>${L('overdue')}</strong>` : ''}</td>
                    <td>${review(s)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${L('nothing')}</p>`
    }
  </section>`;
}
