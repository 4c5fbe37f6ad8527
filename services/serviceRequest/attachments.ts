/**
 * Photos and documents of a request's visits (issue: the engineer in the field, item 3):
 * POST /requests/{no}/attachments takes the file itself (JPEG, PNG, WebP or PDF; `kind` and `name` in the
 * query), checks it from its bytes, stores it by content hash and records it on the request through the
 * workflow; GET …/attachments/{id} reads it back. A refusal (413, 415, 400, 409) stores nothing.
 */
import { z } from '../../shared/common/schemaParts';
import {
  ATTACHMENT_BYTES_PER_REQUEST,
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  ATTACHMENTS_PER_REQUEST,
  type NewAttachment,
} from '../../shared/serviceRequest/attachments';
import * as m from '../../shared/serviceRequest/messages';
import * as s from '../../shared/serviceRequest/schemas';
import { HttpError } from '../http/errors';
import { deviceTimeOf } from '../http/deviceTime';
import { actorOf, route, type Route } from '../http/routes';
import { withStepKey } from '../http/workflowCalls';
import { prepareFile } from './attachmentFiles';
import { STAFF } from './queries';
import { requestCalls, type RequestDeps } from './requestState';

const ATTACHERS = ['engineer', 'customer', 'agent', 'dispatcher', 'support', 'quality', 'admin'] as const;
const uploadQuery = z.strictObject({
  kind: z.enum(ATTACHMENT_KINDS).openapi({ description: 'before or after the work, or a document' }),
  name: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .refine((n) => !/[/\\<>:"|?*]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 32), {
      message: 'a file name without a path, control characters or any of / \\ < > : " | ? *',
    })
    .optional(),
});
const fileParams = s.requestNoParamSchema.extend({
  attachmentId: z.string().regex(/^[0-9a-f]{64}$/, 'the id the upload answered (64 hex digits)'),
});
const attachmentSchema = z
  .looseObject({ id: z.string(), kind: z.string(), mediaType: z.string(), bytes: z.number() })
  .openapi('Attachment');

export function attachmentRoutes(deps: RequestDeps): Route<any>[] {
  const { files, fileBytes } = deps.repos.serviceRequest;
  const { visibleState, update } = requestCalls(deps);
  return [
    route({
      method: 'post',
      path: '/requests/:requestNo/attachments',
      summary: 'Attach a photo or document to the request (the file itself as the body)',
      roles: [...ATTACHERS],
      params: s.requestNoParamSchema,
      query: uploadQuery,
      upload: { types: ATTACHMENT_TYPES, maxBytes: ATTACHMENT_MAX_BYTES },
      success: 201,
      response: attachmentSchema,
      handler: async ({ caller, params, query, body, req }) => {
        const view = await visibleState(caller, params.requestNo); // an engineer: only their offered or assigned work
        if (caller.role === 'engineer' && view.engineerId !== caller.id)
          throw new HttpError(403, `request ${view.requestNo} is assigned to another engineer`);
        if (['closed', 'cancelled', 'aborted'].includes(view.status))
          throw new HttpError(409, `request ${view.requestNo} is ${view.status}: nothing more can be attached`);
        const list = view.attachments ?? [];
        // The request's bounds first, so a file it cannot take is not stored.
        if (list.length >= ATTACHMENTS_PER_REQUEST)
          throw new HttpError(
            409,
            `request ${view.requestNo} has reached its limit of ${ATTACHMENTS_PER_REQUEST} attachments (limit: attachments)`,
          );
        const file = await prepareFile(body as unknown as Buffer, req.get('content-type')!.split(';')[0].trim());
        if (list.reduce((sum, a) => sum + a.bytes, 0) + file.data.length > ATTACHMENT_BYTES_PER_REQUEST)
          throw new HttpError(
            409,
            `request ${view.requestNo} has no room for ${file.data.length} more bytes (limit: attachmentBytes)`,
          );
        const q = query as z.infer<typeof uploadQuery>;
        const attachment: NewAttachment = {
          id: file.id,
          kind: q.kind,
          mediaType: file.mediaType,
          name: q.name ?? `${q.kind}-${file.id.slice(0, 8)}`,
          bytes: file.data.length,
          ...(file.width ? { width: file.width, height: file.height } : {}),
        };
        // Stored before it is recorded (by hash, once): the record never names bytes that are not there.
        await files.addMissing({
          _id: file.id,
          mediaType: file.mediaType,
          bytes: file.data.length,
          data: file.data,
          ...(file.width ? { width: file.width, height: file.height } : {}),
        });
        await withStepKey(caller, 'attachments', req, attachment, () =>
          update(
            params.requestNo,
            m.addAttachmentUpdate,
            { ...actorOf(caller), ...deviceTimeOf(req, caller.role) },
            attachment,
          ),
        );
        const after = await visibleState(caller, params.requestNo);
        return after.attachments?.find((a) => a.id === file.id) ?? attachment;
      },
    }),
    route({
      method: 'get',
      path: '/requests/:requestNo/attachments/:attachmentId',
      summary: 'An attached photo or document (its bytes)',
      roles: [...STAFF, 'engineer', 'customer', 'support', 'quality'],
      params: fileParams,
      response: z.string(),
      media: ATTACHMENT_TYPES.map((type) => ({ type, description: 'the file as stored' })),
      mediaOnly: true,
      handler: async ({ caller, params, res }) => {
        const view = await visibleState(caller, params.requestNo);
        // Only a file this request records: a hash known from elsewhere opens nothing here.
        const listed = view.attachments?.find((a) => a.id === params.attachmentId);
        const file = listed ? await fileBytes(params.attachmentId) : undefined;
        if (!listed || !file)
          throw new HttpError(404, `request ${view.requestNo} has no attachment ${params.attachmentId}`);
        res
          .type(file.mediaType)
          .set('Cache-Control', 'private, max-age=86400, immutable')
          .set('X-Content-Type-Options', 'nosniff')
          .set('Content-Disposition', `inline; filename="${listed.name.replace(/"/g, '')}"`)
          .send(file.data);
        return undefined;
      },
    }),
  ];
}
