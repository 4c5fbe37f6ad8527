/**
 * Signatures drawn on a screen (R-QUOTE-2, R-SETTLE-2, R-VISIT-6): the customer's page or the
 * engineer's device uploads the image first, then names it (signatureId) in the approval or sign-off,
 * which goes through the workflow's update like any other. The PDFs draw the stored image.
 */
import { z } from '../../shared/common/schemaParts';
import * as s from '../../shared/serviceRequest/schemas';
import type { Repositories } from '../../shared/storage/repositories';
import { signatureProblem } from '../../shared/storage/signatures';
import { HttpError } from '../http/errors';
import { actorOf, route, type Route } from '../http/routes';
import { STAFF } from './queries';
import { requestCalls, type RequestDeps } from './requestState';

const uploadSchema = z
  .strictObject({
    png: z
      .string()
      .max(210_000)
      .regex(/^(data:image\/png;base64,)?[A-Za-z0-9+/]+=*$/, 'base64 of a PNG image, optionally as a data: URL')
      .openapi({ description: 'the PNG image, base64 (a canvas toDataURL() answer is accepted as it is)' }),
  })
  .openapi('SignatureUpload');
const signatureParams = z.strictObject({
  requestNo: s.requestNoParamSchema.shape.requestNo,
  signatureId: z.string().regex(/^[0-9a-f]{64}$/, 'the signatureId the upload answered (64 hex digits)'),
});

/** 400 unless the signature an approval or sign-off names was uploaded for this request. */
export async function requireSignature(
  requests: Repositories['serviceRequest'],
  requestNo: string,
  signatureId: string | undefined,
) {
  if (signatureId && !(await requests.hasSignature(requestNo, signatureId))) {
    throw new HttpError(400, `body.signatureId: no signature ${signatureId} was uploaded for ${requestNo}`);
  }
}

export function signatureRoutes(deps: RequestDeps): Route<any>[] {
  const requests = deps.repos.serviceRequest;
  const { visibleState } = requestCalls(deps);
  return [
    route({
      method: 'post',
      path: '/requests/:requestNo/signatures',
      summary: 'Upload a signature drawn on the screen; approvals and the sign-off name it by signatureId',
      roles: ['customer', 'engineer'],
      params: s.requestNoParamSchema,
      body: uploadSchema,
      success: 201,
      response: z.object({ signatureId: z.string() }),
      handler: async ({ caller, params, body }) => {
        await visibleState(caller, params.requestNo); // an engineer: only their offered or assigned work
        const png = Buffer.from(body.png.replace(/^data:image\/png;base64,/, ''), 'base64');
        const problem = signatureProblem(png);
        if (problem) throw new HttpError(400, `body.${problem}`);
        return { signatureId: await requests.storeSignature(params.requestNo, png, actorOf(caller)) };
      },
    }),
    route({
      method: 'get',
      path: '/requests/:requestNo/signatures/:signatureId',
      summary: 'A signature image (PNG)',
      roles: [...STAFF, 'engineer', 'customer'],
      params: signatureParams,
      response: z.string(),
      media: [{ type: 'image/png', description: 'the drawn signature' }],
      mediaOnly: true,
      handler: async ({ caller, params, res }) => {
        await visibleState(caller, params.requestNo);
        const png = await requests.signatureImage(params.requestNo, params.signatureId);
        if (!png) throw new HttpError(404, `no signature ${params.signatureId} for ${params.requestNo}`);
        res.type('png').set('Cache-Control', 'private, max-age=86400').send(png);
      },
    }),
  ];
}
