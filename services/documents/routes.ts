/** The forms as PDF downloads, for the pages and the API alike (the same request state, the same roles). */
import { z } from '../../shared/common/schemaParts';
import * as s from '../../shared/serviceRequest/schemas';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';
import { STAFF } from '../serviceRequest/queries';
import { requestCalls, type RequestDeps } from '../serviceRequest/requestState';
import { commissioningReport, serviceConfirmation, settlementStatement, type FormInput } from './forms';
import { satisfactionSurvey, serviceRegistration } from './registration';

export const DOCUMENTS = {
  'service-confirmation': serviceConfirmation,
  'settlement-statement': settlementStatement,
  'commissioning-report': commissioningReport,
  'service-registration': serviceRegistration,
  'satisfaction-survey': satisfactionSurvey,
} as const;
export type DocumentName = keyof typeof DOCUMENTS;

const params = z.strictObject({
  requestNo: s.requestNoParamSchema.shape.requestNo,
  document: z.enum(Object.keys(DOCUMENTS) as [DocumentName, ...DocumentName[]]),
});

export function documentRoutes(deps: RequestDeps): Route<any>[] {
  const { masterData, serviceRequest: requests } = deps.repos;
  const { visibleState } = requestCalls(deps);
  return [
    route({
      method: 'get',
      path: '/requests/:requestNo/documents/:document',
      summary:
        'A form as PDF: service registration, service confirmation, settlement statement, commissioning report or satisfaction survey',
      roles: [...STAFF, 'engineer', 'customer'],
      params,
      response: z.string(),
      media: [{ type: 'application/pdf', description: 'the form as PDF' }],
      mediaOnly: true,
      handler: async ({ caller, params: p, res }) => {
        const view = await visibleState(caller, p.requestNo);
        if (p.document === 'commissioning-report' && !view.commissioning?.record) {
          throw new HttpError(409, `request ${view.requestNo} has no commissioning record (not a commissioning visit)`);
        }
        if (p.document === 'satisfaction-survey' && !view.followUp)
          throw new HttpError(
            409,
            `request ${view.requestNo} has no follow-up yet: the survey is the follow-up call's`,
          );
        const engineer = view.engineerId ? await masterData.engineers.get(view.engineerId) : null;
        const signatureId = view.signOff?.signatureId;
        const input: FormInput = {
          view,
          engineerName: (engineer?.name as string | undefined) ?? null,
          signature: signatureId ? await requests.signatureImage(view.requestNo, signatureId) : undefined,
        };
        const pdf = await DOCUMENTS[p.document as DocumentName](input);
        res
          .type('application/pdf')
          .set('Content-Disposition', `inline; filename="${view.requestNo}-${p.document}.pdf"`)
          .send(pdf);
      },
    }),
  ];
}
