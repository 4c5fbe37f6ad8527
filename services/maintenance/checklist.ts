/**
 * The maintenance checklist over HTTP (R-MAINT-1): the assigned engineer records each item; a defect
 * found opens a linked repair request for the same unit and site (once per item, however often the
 * call is retried), which dispatch and entitlement then treat like any repair.
 */
import { createHash } from 'node:crypto';
import { z } from '../../shared/common/schemaParts';
import { checklistRecordSchema } from '../../shared/maintenance/schemas';
import type { Config } from '../../shared/runtime/config';
import * as m from '../../shared/serviceRequest/messages';
import { stepAnswerSchema } from '../../shared/serviceRequest/responses';
import { requestNoParamSchema, type IntakeInput } from '../../shared/serviceRequest/schemas';
import { actorOf, route, type Route } from '../http/routes';
import { withStepKey } from '../http/workflowCalls';
import { requestCalls, type RequestDeps } from '../serviceRequest/requestState';
import { requestStarter } from '../serviceRequest/startRequest';

export function checklistRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const { update, stateOf } = requestCalls(deps);
  const startRequest = requestStarter(deps);
  return [
    route({
      method: 'post',
      path: '/requests/:requestNo/checklist',
      summary: 'Record maintenance checklist items (done, not applicable, or a defect with a note)',
      roles: ['engineer'],
      params: requestNoParamSchema,
      body: checklistRecordSchema,
      response: stepAnswerSchema.extend({ defectRequests: z.array(z.string()) }).openapi('ChecklistAnswer'),
      handler: async ({ caller, params, body, req, res }) => {
        const answer = await withStepKey(caller, '/requests/:requestNo/checklist', req, body, () =>
          update(params.requestNo, m.recordChecklistUpdate, actorOf(caller), body),
        );
        const defects = body.items.filter((i) => i.result === 'defect');
        if (!defects.length) return { ...answer, defectRequests: [] };
        const view = await stateOf(params.requestNo);
        const defectRequests: string[] = [];
        for (const d of defects) {
          const intake: IntakeInput = {
            ...view.intake,
            kind: 'fault_repair',
            channel: 'api',
            urgency: 'important',
            fault: {
              symptoms: `defect found during maintenance ${view.requestNo}: ${d.item}: ${d.note}`.slice(0, 2000),
            },
            visitNeeded: true,
            remoteGuidanceFirst: false,
            expectedResolutionBy: undefined,
          };
          const key = `defect:${view.requestNo}:${createHash('sha256').update(d.item).digest('hex').slice(0, 16)}`;
          const opened = await startRequest({ caller, body: intake, idemKey: key, res });
          defectRequests.push(opened.requestNo);
        }
        res.locals.status = 200;
        return { ...answer, defectRequests };
      },
    }),
  ];
}
