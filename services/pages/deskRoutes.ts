/**
 * The staff desks' pages beyond each role's home: a request at the agent's desk, a complaint (agents,
 * quality, managers), taking in a complaint. Pages only read; every action goes to the API.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Router } from 'express';
import type { Role } from '../../shared/common/actor';
import { complaintWorkflowId, COMPLAINT_NO_PATTERN } from '../../shared/complaint/ids';
import { getComplaintQuery } from '../../shared/complaint/messages';
import type { ComplaintView } from '../../shared/complaint/types';
import { HttpError } from '../http/errors';
import { requestCalls, type RequestDeps } from '../serviceRequest/requestState';
import { complaintConsole, complaintIntake } from './complaintConsole';
import { t } from './i18n';
import { render, requestNoOf, staffOf } from './pageKit';
import { requestConsole } from './requestConsole';
import { maintenancePlanner, type PlanRow } from './maintenancePlanner';
import { calendarOf } from '../maintenance/schedule';
import { addDays, dueDatesBetween } from '../../shared/maintenance/dueDates';

const COMPLAINT_ROLES: Role[] = ['agent', 'dispatcher', 'quality', 'manager', 'admin'];

export function mountDeskPages(router: Router, deps: RequestDeps): void {
  const { client, repos } = deps;
  const { visibleState } = requestCalls(deps);

  async function complaintOf(no: string): Promise<ComplaintView> {
    if (!COMPLAINT_NO_PATTERN.test(no))
      throw new HttpError(400, `no complaint ${no}: a number looks like CP-20261122-0001`);
    try {
      return await client.workflow.getHandle(complaintWorkflowId(no)).query(getComplaintQuery);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      const row = await repos.complaint.complaints.get(no, { view: 1 });
      if (!row?.view) throw new HttpError(404, `complaint ${no} not found`);
      return row.view as ComplaintView;
    }
  }

  router.get(
    '/app/agent/requests/:requestNo',
    render(
      (lang) => t(lang, 'request'),
      async (req, lang) => {
        const caller = await staffOf(repos.accounts, req, ['agent', 'admin']);
        const view = await visibleState(caller, requestNoOf(req));
        // A fresh message id per page: sending the same form twice records the message once.
        return { body: requestConsole(lang, view, `desk-${randomUUID()}`), who: caller.id };
      },
    ),
  );

  router.get(
    '/app/maintenance',
    render(
      (lang) => t(lang, 'maintenancePlanner'),
      async (req, lang) => {
        const caller = await staffOf(repos.accounts, req, ['dispatcher', 'admin']);
        const today = new Date().toISOString().slice(0, 10);
        const plans = (await repos.maintenance.list({}, 200)) as unknown as PlanRow[];
        const rows = plans.map((p) => {
          const calendar = calendarOf({ ...p, leadDays: p.leadDays ?? 0 });
          const next = calendar ? dueDatesBetween(calendar, today, addDays(today, 3 * 366), 1)[0] : undefined;
          return { ...p, nextDue: next ?? null };
        });
        return { body: maintenancePlanner(lang, rows), who: caller.id };
      },
    ),
  );

  router.get(
    '/app/complaints/new',
    render(
      (lang) => t(lang, 'takeInComplaint'),
      async (req, lang) => {
        const caller = await staffOf(repos.accounts, req, ['agent', 'admin']);
        const customerId = typeof req.query.customerId === 'string' ? req.query.customerId.slice(0, 64) : '';
        const requestNo = typeof req.query.requestNo === 'string' ? req.query.requestNo.slice(0, 40) : '';
        return { body: complaintIntake(lang, customerId, requestNo), who: caller.id };
      },
    ),
  );

  router.get(
    '/app/complaints/:complaintNo',
    render(
      (lang) => t(lang, 'complaint'),
      async (req, lang) => {
        const caller = await staffOf(repos.accounts, req, COMPLAINT_ROLES);
        return { body: complaintConsole(lang, await complaintOf(String(req.params.complaintNo))), who: caller.id };
      },
    ),
  );
}
