/**
 * The trip task and report sheet (出差任务及报告单, 001 §5.2.2, §5.3.6, §5.4.5, §5.5.3, §5.6.2) as PDF:
 * the task, the tools and parts carried, each site's problem found and result with the customer's
 * signature, and what came back (returned, faulty, old parts, written off). Drawn from the trip's state and
 * each request's; submitted to the supervisor when the trip ends (the trip's notification links here).
 */
import { z } from '../../shared/common/schemaParts';
import * as s from '../../shared/fieldTrip/schemas';
import type { TripView } from '../../shared/fieldTrip/types';
import type { Caller } from '../../shared/runtime/auth';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import { fields, formatTime, heading, newDocument, signatureBlock, table, toBuffer } from '../documents/pdf';
import { route, type Route } from '../http/routes';
import { requestCalls, type RequestDeps } from '../serviceRequest/requestState';

interface Site {
  view: ServiceRequestView | undefined;
  requestNo: string;
  signature?: Buffer;
}

export async function tripReport(trip: TripView, engineerName: string | null, sites: Site[]): Promise<Buffer> {
  const doc = newDocument('出差任务及报告单 Trip task and report sheet', trip.tripId);
  fields(doc, [
    ['工程师 Engineer', `${engineerName ?? trip.engineerId} (${trip.engineerId})`],
    ['区域 Region', trip.region],
    ['出差时间 Planned', `${trip.plannedStart} – ${trip.plannedEnd}`],
    ['出库仓库 Warehouse', trip.warehouseId],
    [
      '申领审批 Requisition',
      `${trip.requisition.status}${trip.requisition.decidedBy ? ` (${trip.requisition.decidedBy})` : ''}`,
    ],
    ['状态 Status', trip.status],
  ]);
  heading(doc, '携带工具 Tools carried');
  fields(doc, [['工具 Tools', trip.tools.length ? trip.tools.join(', ') : null]]);
  heading(doc, '携带备件 Parts carried');
  table(
    doc,
    [
      ['备件 Part', '申领 Asked', '携带 Carried', '使用 Used', '退回 Returned', '故障 Faulty', '核销 Written off'],
      ...trip.parts.map((p) =>
        [p.partNo, p.requested, p.carried, p.consumed, p.returned, p.faulty, p.writtenOff].map(String),
      ),
    ],
    [4, 2, 2, 2, 2, 2, 2],
  );
  for (const site of sites) {
    const v = site.view;
    heading(doc, `现场 Site: ${site.requestNo}`);
    const used = trip.consumptions.filter((c) => c.requestNo === site.requestNo);
    fields(doc, [
      ['客户 Customer', v ? (v.customerName ?? v.intake.customerId) : null],
      ['地址 Address', v?.intake.siteAddress],
      ['设备 Unit', v?.unit ? `${v.unit.serialNumber} ${v.unit.model}` : null],
      [
        '发现问题 Problem found',
        v?.diagnosis ? `${v.diagnosis.faultClass}: ${v.diagnosis.findings}` : v?.intake.fault.symptoms,
      ],
      ['处理结果 Result', v?.work?.actions ? `${v.work.actions} (${v.status})` : (v?.status ?? null)],
      ['使用备件 Parts used', used.length ? used.map((c) => `${c.quantity} × ${c.partNo}`).join(', ') : null],
    ]);
    if (v?.signOff)
      signatureBlock(doc, '客户签字 Customer signature', v.signOff.signedBy, v.signOff.at, site.signature);
  }
  heading(doc, '退回与故障件 Returned and faulty');
  const r = trip.returns;
  fields(doc, [
    ['退回库存 Returned to stock', r?.returned.map((x) => `${x.quantity} × ${x.partNo}`).join(', ') || null],
    [
      '故障件 Faulty',
      r?.faulty.map((x) => `${x.quantity} × ${x.partNo} (${x.requestNo}: ${x.symptom})`).join('; ') || null,
    ],
    ['旧件 Old parts', r?.oldParts.map((x) => `${x.partNo} (${x.requestNo}: ${x.symptom})`).join(', ') || null],
    ['客户留存 Kept by customers', trip.customerKept.map((x) => `${x.partNo} (${x.requestNo})`).join(', ') || null],
    [
      '核销 Written off',
      trip.writeOffs.map((w) => `${w.quantity} × ${w.partNo}: ${w.reason} (${w.by})`).join('; ') || null,
    ],
    ['缺失 Missing', trip.missing.map((m) => `${m.quantity} × ${m.partNo}`).join(', ') || null],
    ['结束时间 Ended', r ? formatTime(r.at) : null],
  ]);
  return toBuffer(doc);
}

/** GET /trips/{tripId}/documents/trip-report: `tripOf` applies the trip's own access rule (engineer: their own). */
export function tripReportRoute(
  deps: RequestDeps,
  tripOf: (caller: Caller, tripId: string) => Promise<TripView>,
  roles: Route['roles'],
): Route<any> {
  const { stateOf } = requestCalls(deps);
  const { masterData, serviceRequest } = deps.repos;
  return route({
    method: 'get',
    path: '/trips/:tripId/documents/trip-report',
    summary: 'The trip task and report sheet (出差任务及报告单) as PDF',
    roles,
    params: s.tripIdParamSchema,
    response: z.string(),
    media: [{ type: 'application/pdf', description: 'the trip report as PDF' }],
    mediaOnly: true,
    handler: async ({ caller, params, res }) => {
      const trip = await tripOf(caller, params.tripId);
      const [engineer, sites] = await Promise.all([
        masterData.engineers.get(trip.engineerId),
        Promise.all(
          trip.requests.map(async (requestNo) => {
            const view = await stateOf(requestNo).catch(() => undefined);
            const id = view?.signOff?.signatureId;
            return { requestNo, view, signature: id ? await serviceRequest.signatureImage(requestNo, id) : undefined };
          }),
        ),
      ]);
      const pdf = await tripReport(trip, (engineer?.name as string | undefined) ?? null, sites);
      res
        .type('application/pdf')
        .set('Content-Disposition', `inline; filename="${trip.tripId}-trip-report.pdf"`)
        .send(pdf);
    },
  });
}
