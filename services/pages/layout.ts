/**
 * HTML for the pages: a tagged template that escapes every value it is given (escape-html), unless the
 * value is itself HTML made by this template; and the page shell every page shares (viewport for
 * phones, the stylesheet, the signature pad and the page script, all served from this service).
 */
import escapeHtml from 'escape-html';
import type { Request } from 'express';
import { browserWords, t, type Lang } from './i18n';

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = Html | string | number | boolean | null | undefined | Value[];

const render = (v: Value): string =>
  v instanceof Html
    ? v.text
    : Array.isArray(v)
      ? v.map(render).join('')
      : v === null || v === undefined || v === false
        ? ''
        : escapeHtml(String(v));

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));
}

/** The link to this same page in the other language (a customer's token stays in it). */
function otherLanguage(req: Request, lang: Lang): string {
  const url = new URL(req.originalUrl, 'http://page');
  url.searchParams.set('lang', lang === 'zh' ? 'en' : 'zh');
  return url.pathname + url.search;
}

export interface Shell {
  req: Request;
  lang: Lang;
  title: string;
  body: Html;
  /** Who is signed in (staff pages), for the header's sign-out. */
  signedInAs?: string;
  /** The engineer's pages: installable, and their steps queue on the device without a network (offline.js). */
  offline?: boolean;
}

export function page({ req, lang, title, body, signedInAs, offline }: Shell): string {
  return html`<!doctype html>
    <html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${t(lang, 'appName')}</title>
        <link rel="stylesheet" href="/assets/noto-sans-sc/400.css" />
        <link rel="stylesheet" href="/assets/noto-sans-sc/700.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/signature_pad.js" defer></script>
        ${
          offline
            ? html`<link rel="manifest" href="/assets/engineer.webmanifest" />
                <script src="/assets/idb-keyval.js" defer></script>
                <script src="/assets/offline.js" defer></script>`
            : ''
        }
        <script src="/assets/form.js" defer></script>
        <script src="/assets/app.js" defer></script>
        <script type="application/json" id="words">
          ${new Html(JSON.stringify(browserWords(lang)).replace(/</g, '\\u003c'))}
        </script>
      </head>
      <body ${offline ? html` data-offline` : ''}>
        <header>
          <strong>${t(lang, 'appName')}</strong>
          <span class="grow"></span>
          ${signedInAs ? html`<span class="who">${signedInAs}</span> <a href="/app/sign-out">${t(lang, 'signOut')}</a>` : ''}
          <a id="lang-switch" href="${otherLanguage(req, lang)}">${t(lang, 'language')}</a>
        </header>
        <main>
          <h1>${title}</h1>
          <div id="message" role="alert" hidden></div>
          ${offline ? html`<section id="queue" class="card" hidden></section>` : ''} ${body}
        </main>
      </body>
    </html>`.text;
}

/** A form the page script sends to the API as JSON: `data-call="POST /requests/…"`; fields by name. */
export function apiForm(call: string, fields: Html, submit: string, extra: Record<string, string> = {}): Html {
  const attrs = Object.entries(extra).map(([k, v]) => html` data-${k}="${v}"`);
  return html`<form class="api" data-call="${call}" ${attrs}>${fields}<button type="submit">${submit}</button></form>`;
}

/** A canvas to sign on; the page script uploads it and sends its signatureId with the form. */
export const signaturePad = (lang: Lang) =>
  html`<div class="signature">
    <label>${t(lang, 'signHere')}</label><canvas width="600" height="200"></canvas
    ><button type="button" class="clear-signature">${t(lang, 'clear')}</button>
  </div>`;

/** A live countdown to `deadline`: the page script ticks it every second and colours it by its state. */
export const countdown = (lang: Lang, deadline: string, state: string, waitingOn?: string | null) =>
  html`<span
    class="countdown"
    data-deadline="${deadline}"
    data-state="${state}"
    data-paused-label="${t(lang, 'paused')}${waitingOn ? `: ${waitingOn}` : ''}"
    data-breached-label="${t(lang, 'breached')}"
  ></span>`;

/** R-SLA-6: the deadline counts service hours on this calendar (the countdown runs to its wall-clock moment). */
export const businessHoursBadge = (lang: Lang, calendarName: string) =>
  html`<span class="badge business-hours" title="${calendarName}">${t(lang, 'businessHours')}</span>`;

export const time = (iso: string | null | undefined) =>
  iso ? html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>` : html`–`;
export const money = (minor: number, currency: string) => `${currency} ${(minor / 100).toFixed(2)}`;

/** The fields of a visit window: agreed with the customer (consent ticked) or proposed for them to answer. */
export function windowFields(lang: Lang, mode: 'agree' | 'propose', reschedule: boolean): Html {
  const L = (k: string) => t(lang, k);
  return html`<label
      >${L('from')} <input type="datetime-local" name="windowStart" data-type="datetime" required
    /></label>
    <label>${L('to')} <input type="datetime-local" name="windowEnd" data-type="datetime" required /></label>
    <label
      >${L('minutes')} <input type="number" name="estimatedDurationMinutes" data-type="number" value="60" min="15"
    /></label>
    ${
      mode === 'agree'
        ? html`<label class="check"><input type="checkbox" name="customerConsent" /> ${L('appointmentAgreed')}</label>`
        : ''
    }
    <label class="check"><input type="checkbox" name="chargingPolicyExplained" /> ${L('chargingExplained')}</label>
    ${reschedule ? html`<input name="reason" required placeholder="${L('reason')}" />` : ''}`;
}
