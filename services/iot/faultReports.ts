/**
 * IoT fault reports (R-INTAKE-1, channel `iot`): monitoring reports a fault of a unit. The report goes
 * to the unit's fault watch by update-with-start, which opens a request for the fault or adds the
 * reading to the open one: never two requests for one fault, however many reports arrive at once.
 */
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { iotWatchWorkflowId, reportFaultUpdate, type WatchedReport } from '../../shared/iot/messages';
import { faultReportAnswerSchema, faultReportSchema, type FaultReport } from '../../shared/iot/schemas';
import type { Config } from '../../shared/runtime/config';
import { requestsReceived } from '../../shared/runtime/metrics';
import { serviceRequestWorkflowId } from '../../shared/serviceRequest/ids';
import { intakeSchema, type IntakeInput } from '../../shared/serviceRequest/schemas';
import type { Urgency } from '../../shared/serviceRequest/vocabulary';
import type { Repositories } from '../../shared/storage/repositories';
import type { iotFaultWatch } from '../../workflows';
import { HttpError } from '../http/errors';
import { actorOf, route, type Route } from '../http/routes';
import type { RequestDeps } from '../serviceRequest/requestState';
import { meterCalls } from '../maintenance/meterCalls';
import { logger } from '../../shared/runtime/logger';
import { staticDetailsOf } from '../../shared/serviceRequest/staticDetails';

const URGENCY_OF: Record<FaultReport['severity'], Urgency> = {
  critical: 'urgent',
  major: 'important',
  minor: 'general',
};
/** How often a report is sent again when the watch it reached ended at that moment (it then starts anew). */
const WATCH_ENDED_RETRIES = 3;

export function faultReportRoutes(deps: RequestDeps & { config: Config }): Route<any>[] {
  const { client, repos, config } = deps;
  const meters = meterCalls(client, config);
  const log = logger.child({ route: 'iot/fault-reports' });
  /** The report's readings of counters a usage plan of the unit counts go to its meters (once per message). */
  async function feedMeters(report: FaultReport) {
    const names = Object.keys(report.readings).filter((k) => typeof report.readings[k] === 'number');
    if (!names.length) return;
    const unit = await repos.masterData.units.get(report.serialNumber);
    const plans = await repos.maintenance.usagePlansOf(report.serialNumber, unit?.contractNo ?? undefined);
    const counted = new Set(plans.map((p) => (p.usage as { counter: string }).counter));
    for (const counter of names.filter((n) => counted.has(n))) {
      const value = report.readings[counter] as number;
      const reading = { ...report, counter, value, messageId: `${report.messageId}:${counter}` };
      // A counter that went back is the meter's problem, not the fault's: the report still goes through.
      await meters.report(reading).catch((err: unknown) => {
        if (!(err instanceof HttpError)) throw err;
        log.warn({ serialNumber: report.serialNumber, counter, value }, err.message);
      });
    }
  }
  return [
    route({
      method: 'post',
      path: '/iot/fault-reports',
      summary: 'Report a unit fault from IoT monitoring (opens a request, or adds the reading to the open one)',
      roles: ['service'],
      body: faultReportSchema,
      response: faultReportAnswerSchema,
      success: 201,
      handler: async ({ caller, body, res }) => {
        const watched = { ...(await intakeOf(repos.masterData, body)), by: actorOf(caller), report: body };
        await feedMeters(body); // R-ASSET-2: counters the unit's usage plans count, before the fault is handled
        const watchId = iotWatchWorkflowId(body.serialNumber, body.faultCode);
        for (let attempt = 1; ; attempt++) {
          const start = new WithStartWorkflowOperation<typeof iotFaultWatch>('iotFaultWatch', {
            workflowId: watchId,
            taskQueue: config.taskQueue,
            args: [{ serialNumber: body.serialNumber, faultCode: body.faultCode.toUpperCase() }],
            workflowIdConflictPolicy: 'USE_EXISTING',
            staticSummary: `IoT fault ${body.faultCode.toUpperCase()} on ${body.serialNumber} · one open request per fault`,
          });
          try {
            const answer = await client.workflow.executeUpdateWithStart(reportFaultUpdate, {
              args: [watched],
              updateId: `iot:${body.messageId}`, // the same message again gets the first answer
              startWorkflowOperation: start,
            });
            if (answer.created) requestsReceived.inc({ kind: 'fault_repair', channel: 'iot' });
            else res.locals.status = 200;
            res.locals.requestNo = answer.requestNo;
            return { ...answer, workflowId: serviceRequestWorkflowId(answer.requestNo), watchId };
          } catch (err) {
            if (!watchEnded(err) || attempt >= WATCH_ENDED_RETRIES) throw err;
          }
        }
      },
    }),
  ];
}

/** The watch finished (its request was over) after it took the update and before it answered it. */
const watchEnded = (err: unknown) =>
  err instanceof WorkflowUpdateFailedError && /completed before the update/i.test(String(err.cause?.message));

/** The request a report opens if the fault has none: customer, site and contact from master data. */
async function intakeOf(
  masterData: Repositories['masterData'],
  report: FaultReport,
): Promise<Omit<WatchedReport, 'by' | 'report'>> {
  const unit = await masterData.units.get(report.serialNumber);
  if (!unit) throw new HttpError(400, `body.serialNumber: no unit with serial number ${report.serialNumber}`);
  const customer = await masterData.customers.get(unit.customerId);
  const site = await masterData.siteOfUnit(unit, customer);
  const siteAddress = report.siteAddress ?? site.address;
  if (!siteAddress)
    throw new HttpError(400, `body.siteAddress: unit ${unit.serialNumber} has no site address on file; send one`);
  if (!customer || !site.contactPhone || !site.region)
    throw new HttpError(
      409,
      `customer ${unit.customerId} of unit ${unit.serialNumber} has no phone or region on file: add them in master data`,
    );
  const code = report.faultCode.toUpperCase();
  const intake: IntakeInput = intakeSchema.parse({
    channel: 'iot',
    kind: 'fault_repair',
    urgency: URGENCY_OF[report.severity],
    customerId: customer.customerId,
    contactName: site.contactName ?? customer.name,
    contactPhone: site.contactPhone,
    siteAddress,
    region: site.region,
    serialNumber: unit.serialNumber,
    fault: {
      symptoms: report.description || `fault ${code} reported by monitoring`,
      startedAt: report.observedAt,
      faultCode: code,
    },
    selfChecks: { powerChecked: false, valvesChecked: false, notes: 'reported by monitoring: nothing checked on site' },
  });
  return {
    intake,
    summaryTail: `fault_repair · ${intake.urgency} · ${customer.name} · ${intake.region}`,
    details: staticDetailsOf(intake, unit),
  };
}
