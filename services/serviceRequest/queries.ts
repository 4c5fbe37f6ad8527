/**
 * Reading service requests: the lists (read model), one request with its history, its work order,
 * SLA clocks, settlement statement and the quality inspections of its parts.
 */
import * as r from '../../shared/serviceRequest/responses';
import * as s from '../../shared/serviceRequest/schemas';
import {
  commissioningReportOf,
  customerView,
  slaOf,
  statementOf,
  workOrderOf,
} from '../../shared/serviceRequest/views';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';
import { createRequestLists } from './listing';
import { requestCalls, type RequestDeps } from './requestState';

export const STAFF = ['agent', 'dispatcher', 'manager', 'admin', 'service'] as const;

export function requestQueryRoutes(deps: RequestDeps): Route<any>[] {
  const { serviceRequest: requests, complaint, fieldTrip } = deps.repos;
  const { visibleState, visibleWithHistory } = requestCalls(deps);
  /** R-INTAKE-7: earlier requests for the same unit and how they were solved, newest first (by _id, no scan). */
  const { unitLog, complaintsLog: complaintsOf } = requests;
  const listRequests = createRequestLists(requests);

  return [
    route({
      method: 'get',
      path: '/requests',
      response: r.requestListSchema,
      summary: 'List service requests (read model)',
      roles: [...STAFF, 'engineer'],
      query: s.listQuerySchema,
      // Open work from the projection, one engineer's or customer's requests from their logs (decision 0006).
      handler: async ({ caller, query }) => listRequests(caller, query as ReturnType<typeof s.listQuerySchema.parse>),
    }),

    route({
      method: 'get',
      path: '/requests/:requestNo',
      response: r.requestViewSchema,
      summary: 'Get a request with its history',
      roles: [...STAFF, 'engineer', 'customer'],
      params: s.requestNoParamSchema,
      handler: async ({ caller, params }) => {
        const view = await visibleWithHistory(caller, params.requestNo);
        if (caller.role === 'customer') return customerView(view);
        // R-FOLLOW-4: the complaints about this request: their numbers from its log, their rows by _id (no scan).
        const { requestNos: complaintNos } = await complaintsOf.page(view.requestNo, 0, 50);
        const rows = await complaint.complaints.getMany(complaintNos, {
          _id: 0,
          complaintNo: 1,
          status: 1,
          category: 1,
          receivedAt: 1,
        });
        const complaints = rows.sort((a, b) => (a.receivedAt ?? '').localeCompare(b.receivedAt ?? ''));
        return { ...view, complaints };
      },
    }),

    route({
      method: 'get',
      path: '/requests/:requestNo/inspections',
      response: r.inspectionsSchema,
      summary: 'Get the quality inspections of parts from this request, with their findings',
      roles: [...STAFF, 'engineer', 'support'],
      params: s.requestNoParamSchema,
      handler: async ({ caller, params }) => {
        await visibleState(caller, params.requestNo);
        // R-PARTS-5: findings linked to the request (a scan of the inspections: kept off the polled GET above).
        const items = await fieldTrip.inspectionsOf(params.requestNo);
        return { requestNo: params.requestNo, items };
      },
    }),

    route({
      method: 'get',
      path: '/requests/:requestNo/work-order',
      response: r.workOrderSchema,
      summary: 'Get the work order for the visit',
      roles: [...STAFF, 'engineer'],
      params: s.requestNoParamSchema,
      handler: async ({ caller, params }) => {
        const view = await visibleState(caller, params.requestNo);
        return {
          ...workOrderOf(view),
          earlierRequests: await unitLog.recent(view.intake.serialNumber, view.requestNo),
        };
      },
    }),

    route({
      method: 'get',
      path: '/requests/:requestNo/sla',
      response: r.slaViewSchema,
      summary: 'Get the state of every SLA clock',
      roles: [...STAFF, 'engineer'],
      params: s.requestNoParamSchema,
      handler: async ({ caller, params }) => slaOf(await visibleState(caller, params.requestNo), new Date()),
    }),

    route({
      method: 'get',
      path: '/requests/:requestNo/statement',
      response: r.statementSchema,
      summary: 'Get the settlement statement',
      roles: [...STAFF, 'engineer', 'customer'],
      params: s.requestNoParamSchema,
      handler: async ({ caller, params }) => statementOf(await visibleState(caller, params.requestNo)),
    }),
    route({
      method: 'get',
      path: '/requests/:requestNo/commissioning-report',
      response: r.commissioningReportSchema,
      summary: 'Get the commissioning report: checks, parameters, work, and the customer’s signature',
      roles: [...STAFF, 'engineer', 'customer'],
      params: s.requestNoParamSchema,
      handler: async ({ caller, params }) => {
        const v = await visibleState(caller, params.requestNo);
        if (!v.commissioning?.required) throw new HttpError(404, `request ${v.requestNo} is not a commissioning visit`);
        if (!v.commissioning.record)
          throw new HttpError(409, `the commissioning of ${v.requestNo} is not recorded yet`);
        return commissioningReportOf(v);
      },
    }),
  ];
}
