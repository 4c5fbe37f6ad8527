/**
 * The pages (server-rendered HTML) beside the API: the customer's page behind the signed link, the
 * staff sign-in with their own accounts (signIn.ts), the dispatcher's board and the
 * engineer's pages. Pages only read; every action the page script sends goes to the API.
 */
import { supplierClaimsSection, type BlamedInspection, type ClaimRow } from './supplierClaims';
import express, { type Request, type Router } from 'express';
import { mountSignIn } from './signIn';
import type { OidcConfig } from '../../shared/runtime/oidcConfig';
import { mountDeskPages } from './deskRoutes';
import { mountAdminPages } from './adminPages';
import { mountTripPages } from './tripPageRoutes';
import { agentDesk } from './agentDesk';
import { supportDesk } from './supportDesk';
import { adminDesk } from './adminDesk';
import { publicAccount } from '../../shared/storage/accounts';
import { dashboard } from './dashboard';
import { dashboardData, dashboardQueryOf } from './dashboardData';
import { qualityDesk, type ActionRow } from './qualityDesk';
import { qualityQueues, type InspectionRow } from './qualityQueues';
import { suggestionQueue } from './suggestionForms';
import { complaintsIn, numberOf, running } from './visibility';
import type { ComplaintRow } from './agentQueues';
import { html } from './layout';
import { agentDeskData, agentQueuesData } from './agentDeskData';
import type { Role } from '../../shared/common/actor';
import * as s from '../../shared/serviceRequest/schemas';
import { HttpError } from '../http/errors';
import { authenticate, type AuthSettings } from '../http/routes';
import { createRequestLists } from '../serviceRequest/listing';
import { requestCalls, type RequestDeps } from '../serviceRequest/requestState';
import { mountAssets } from './assets';
import { customerPage } from './customerPage';
import { boardData } from './boardData';
import { dispatcherBoard } from './dispatcherBoard';
import { engineerHome, workOrderPage, type TripRow } from './engineerPage';
import { choicesFor } from '../serviceRequest/partsForUnit';
import { t } from './i18n';
import { Redirect, render, requestNoOf, staffOf } from './pageKit';

const BOARD_ROLES: Role[] = ['dispatcher', 'admin'];
/** The statuses whose forms (or the forms a device may walk to offline) pick parts and labour. */
const PICKING = ['scheduled', 'on_site', 'diagnosed', 'repairing'];

export function mountPages(app: express.Express, deps: RequestDeps, auth: AuthSettings, oidc?: OidcConfig): void {
  const { repos } = deps;
  const { visibleState } = requestCalls(deps);
  const lists = createRequestLists(repos.serviceRequest);
  const { unitLog } = repos.serviceRequest;
  const router: Router = express.Router();
  mountAssets(app);

  const staff = (req: Request, roles: Role[]) => staffOf(repos.accounts, req, roles);

  router.get(
    '/c/:requestNo',
    render(
      (lang) => t(lang, 'request'),
      async (req, lang) => {
        const caller = await authenticate(req, auth);
        const no = requestNoOf(req);
        if (caller.role !== 'customer' || caller.requestNo !== no)
          throw new HttpError(403, 'this link is for another request');
        const view = await visibleState(caller, no);
        const contractNo = view.contractAllowance?.contractNo;
        const [engineer, contract] = await Promise.all([
          view.engineerId ? repos.masterData.engineers.get(view.engineerId) : null,
          contractNo ? repos.contract.allowanceOn(contractNo, new Date().toISOString().slice(0, 10)) : null,
        ]);
        const allowance = contractNo && contract?.use ? { contractNo, use: contract.use } : undefined;
        return { body: customerPage({ view, engineerName: (engineer?.name as string) ?? null, lang, allowance }) };
      },
    ),
  );

  mountSignIn(router, repos.accounts, oidc);
  mountDeskPages(router, deps);
  mountAdminPages(router, repos);
  mountTripPages(router, deps);

  router.get(
    '/app/support',
    render(
      (lang) => t(lang, 'supportDesk'),
      async (req, lang) => {
        const caller = await staff(req, ['support', 'admin']);
        // Open work waiting on the technical department, oldest first (the open-work projection, no scan).
        const open = await lists(caller, s.listQuerySchema.parse({ open: 'true', limit: 200 }));
        const waiting = (open.items as { requestNo: string; waitingOn?: string | null }[])
          .filter((r) => r.waitingOn === 'technical_support')
          .reverse();
        const items = await Promise.all(
          waiting.map(async (r) => {
            const view = await visibleState(caller, r.requestNo);
            return { view, earlier: await unitLog.recent(view.intake.serialNumber, view.requestNo) };
          }),
        );
        return { body: supportDesk(lang, items), who: caller.id };
      },
    ),
  );

  router.get(
    '/app/quality',
    render(
      (lang) => t(lang, 'qualityDesk'),
      async (req, lang) => {
        const caller = await staff(req, ['quality', 'admin']);
        const [rows, inspections, complaints, blamed, claims, suggestions] = await Promise.all([
          repos.improvement.dueFirst(200),
          repos.fieldTrip.openQueue(100),
          running(deps.client, complaintsIn(['acknowledged', 'investigating']), 100).then((ids) =>
            repos.complaint.complaints.getMany(ids.map(numberOf), { view: 0, clocks: 0 }),
          ),
          repos.supplierClaim.toSendBack(50),
          repos.supplierClaim.list('sent', 50),
          // R-TRIAGE-3: a suggestion's workflow runs until it is reviewed.
          running(deps.client, 'WorkflowType = "suggestion" AND ExecutionStatus = "Running"', 100).then((ids) =>
            repos.suggestion.suggestions.getMany(ids.map(numberOf), { view: 0 }),
          ),
        ]);
        const returns = supplierClaimsSection(lang, blamed as BlamedInspection[], claims as ClaimRow[]);
        const queues = qualityQueues(
          lang,
          inspections as InspectionRow[],
          complaints.filter((c) => !!c).map((c) => ({ ...c, complaintNo: c._id }) as ComplaintRow),
        );
        return {
          body: html`${queues}${suggestionQueue(
            lang,
            suggestions.map((s) => ({ ...s, suggestionNo: s._id })),
          )}${returns}${qualityDesk(lang, rows as ActionRow[], new Date().toISOString())}`,
          who: caller.id,
        };
      },
    ),
  );

  router.get(
    '/app/dashboard',
    render(
      (lang) => t(lang, 'dashboard'),
      async (req, lang) => {
        const caller = await staff(req, ['dispatcher', 'quality', 'manager', 'admin']);
        const q = dashboardQueryOf(req.query);
        const canExport = caller.role !== 'dispatcher';
        return { body: dashboard(lang, q, await dashboardData(repos, q), canExport), who: caller.id };
      },
    ),
  );

  router.get(
    '/app/admin',
    render(
      (lang) => t(lang, 'adminDesk'),
      async (req, lang) => {
        const caller = await staff(req, ['admin']);
        const [accounts, stuck] = await Promise.all([
          repos.accounts.all(1000),
          repos.notifications.list('undeliverable', 100),
        ]);
        return { body: adminDesk(lang, accounts.map(publicAccount), stuck, caller.id), who: caller.id };
      },
    ),
  );

  router.get(
    '/app/agent',
    render(
      (lang) => t(lang, 'agentDesk'),
      async (req, lang) => {
        const caller = await staff(req, ['agent', 'admin']);
        const q = typeof req.query.q === 'string' ? req.query.q : '';
        const serial = typeof req.query.serial === 'string' ? req.query.serial : undefined;
        const desk = await agentDeskData(repos, q, serial);
        if (!q && !serial) desk.queues = await agentQueuesData(repos, deps.client);
        return { body: agentDesk(lang, desk), who: caller.id };
      },
    ),
  );

  router.get(
    '/app/board',
    render(
      (lang) => t(lang, 'board'),
      async (req, lang) => {
        const caller = await staff(req, BOARD_ROLES);
        // A dispatcher of one region opens on it; `?region=` (empty) shows every region.
        if (req.query.region === undefined) {
          const regions = (await repos.accounts.accounts.get(caller.id, { regions: 1 }))?.regions ?? [];
          if (regions.length === 1) throw new Redirect(`/app/board?region=${encodeURIComponent(regions[0])}`);
        }
        return { body: dispatcherBoard(await boardData(repos, lists, caller, req.query, lang)), who: caller.id };
      },
    ),
  );

  router.get(
    '/app/engineer',
    render(
      (lang) => t(lang, 'myJobs'),
      async (req, lang) => {
        const caller = await staff(req, ['engineer']);
        const mine = await lists(caller, s.listQuerySchema.parse({ open: 'true', sort: 'deadline', limit: 100 }));
        const items = mine.items as Parameters<typeof engineerHome>[1];
        const offers = items.filter((r) => r.status === 'offered' && r.offeredTo === caller.id);
        const jobs = items.filter((r) => r.status !== 'offered' && r.engineerId === caller.id);
        const trips = (await repos.fieldTrip.tripsOf(caller.id, 20)) as unknown as TripRow[];
        return { body: engineerHome(lang, offers, jobs, trips), who: caller.id, offline: true };
      },
    ),
  );
  router.get(
    '/app/engineer/:requestNo',
    render(
      (lang) => t(lang, 'workOrder'),
      async (req, lang) => {
        const caller = await staff(req, ['engineer']);
        const view = await visibleState(caller, requestNoOf(req));
        const [earlier, choices, onTrip, components] = await Promise.all([
          unitLog.recent(view.intake.serialNumber, view.requestNo),
          // The same choices GET /requests/{no}/parts answers, where a form (now or offline later) picks from them.
          PICKING.includes(view.status) ? choicesFor(repos, view) : undefined,
          repos.fieldTrip.tripRequests.get(view.requestNo, { tripId: 1 }),
          repos.asset.treeOf(view.intake.serialNumber),
        ]);
        const trip = onTrip ? await repos.fieldTrip.trips.get(onTrip.tripId, { status: 1 }) : null;
        const tripId = trip?.status === 'on_trip' ? onTrip!.tripId : undefined;
        const body = workOrderPage(view, caller.id, earlier, lang, choices, tripId, components);
        return { body, who: caller.id, offline: true };
      },
    ),
  );
  app.use(router);
}
