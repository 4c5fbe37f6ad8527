/**
 * The photos and documents of a request on its pages: thumbnails that open the file, and for the engineer
 * on the job (and the customer) a form that sends each chosen file as itself to POST …/attachments.
 */
import type { Attachment } from '../../shared/serviceRequest/attachments';
import { ATTACHMENT_KINDS, ATTACHMENT_TYPES } from '../../shared/serviceRequest/attachments';
import type { Lang } from './i18n';
import { apiForm, html, type Html } from './layout';

const WORDS: Record<string, [string, string]> = {
  photos: ['照片与文件', 'Photos and documents'],
  none: ['还没有照片或文件', 'No photos or documents yet'],
  attach: ['上传', 'Upload'],
  files: ['选择照片或 PDF（可多选）', 'Choose photos or PDFs (several at once)'],
  before: ['维修前', 'Before'],
  after: ['维修后', 'After'],
  document: ['文件', 'Document'],
};
const w = (lang: Lang, k: string) => WORDS[k][lang === 'zh' ? 0 : 1];

/** `viaLink`: the customer's page, whose images carry its token (the page script adds it). */
export function attachmentsSection(
  requestNo: string,
  list: Pick<Attachment, 'id' | 'kind' | 'mediaType' | 'name'>[],
  lang: Lang,
  opts: { canAttach: boolean; viaLink?: boolean },
): Html {
  const src = (a: { id: string }) => `/api/v1/requests/${requestNo}/attachments/${a.id}`;
  const item = (a: (typeof list)[number]) => {
    const link = opts.viaLink ? html`data-token-link href="${src(a)}"` : html`href="${src(a)}"`;
    return html`<li class="attachment" data-attachment="${a.id}">
      <a ${link} target="_blank" rel="noopener"
        >${
          a.mediaType.startsWith('image/')
            ? html`<img
                alt="${a.name}"
                loading="lazy"
                ${opts.viaLink ? html`data-token-src="${src(a)}"` : html`src="${src(a)}"`}
              />`
            : html`📄 ${a.name}`
        }</a
      >
      <small>${w(lang, a.kind)}</small>
    </li>`;
  };
  const form = apiForm(
    `POST /requests/${requestNo}/attachments`,
    html`<label
        >${w(lang, 'files')}
        <input type="file" name="files" multiple required accept="${ATTACHMENT_TYPES.join(',')}" /></label
      ><select name="kind">
        ${ATTACHMENT_KINDS.map((k) => html`<option value="${k}">${w(lang, k)}</option>`)}
      </select>`,
    w(lang, 'attach'),
    { upload: '', name: 'attachments' },
  );
  return html`<section class="card attachments">
    <h2>${w(lang, 'photos')}</h2>
    ${
      list.length
        ? html`<ul class="gallery">
            ${list.map(item)}
          </ul>`
        : html`<p class="muted">${w(lang, 'none')}</p>`
    }
    ${opts.canAttach ? form : ''}
  </section>`;
}
