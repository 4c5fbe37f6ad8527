/**
 * The unit's components on the engineer's work order (R-ASSET-1): the one the request is about, and while
 * the engineer is at the unit a replacement per component (POST /requests/{no}/component-replacements):
 * the serial installed in its place; the old one leaves the installed base with today's date.
 */
import { t, type Lang } from './i18n';
import { apiForm, html, type Html } from './layout';

export interface ComponentLine {
  assetId: string;
  path: string;
  componentSerial?: string | null;
}
const AT_THE_UNIT = ['on_site', 'unit_received', 'diagnosed', 'awaiting_approval', 'repairing', 'work_done'];

export function componentsSection(
  lang: Lang,
  requestNo: string,
  status: string,
  mine: boolean,
  about: string | undefined,
  components: ComponentLine[],
): Html {
  if (!components.length) return html``;
  const L = (k: string) => t(lang, k);
  const canReplace = mine && AT_THE_UNIT.includes(status);
  return html`<section class="card components">
    <h2>${L('components')}</h2>
    <ul>
      ${components.map(
        (c) =>
          html`<li data-asset="${c.assetId}" class="${c.assetId === about ? 'about' : ''}">
            ${c.assetId === about ? html`<strong>★ ${c.path}</strong>` : c.path} ·
            <span class="serial">${c.componentSerial ?? '–'}</span>
            ${
              canReplace
                ? html`<details>
                    <summary>${L('replaceComponent')}</summary>
                    ${apiForm(
                      `POST /requests/${requestNo}/component-replacements`,
                      html`<input type="hidden" name="assetId" value="${c.assetId}" />
                        <input name="newSerial" required placeholder="${L('newSerial')}" />`,
                      L('replaceComponent'),
                      { name: 'replace-component' },
                    )}
                  </details>`
                : ''
            }
          </li>`,
      )}
    </ul>
  </section>`;
}
