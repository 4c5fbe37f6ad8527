/** The HTTP services as one Express app; each context's routes mount under /api/v1. */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import express, { type NextFunction, type Request, type Response } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { Config } from '../shared/runtime/config';
import type { Models } from '../shared/storage/models';
import { repositoriesOf, type Repositories } from '../shared/storage/repositories';
import { stockRoutes } from './fieldTrip/stock';
import { tripRoutes } from './fieldTrip/routes';
import { returnedModuleRoutes } from './fieldTrip/returnedModules';
import { pinoHttp } from 'pino-http';
import { logger, requestFields } from '../shared/runtime/logger';
import { complaintRoutes } from './complaint/routes';
import { auditRoutes } from './audit/export';
import { kpiRoutes } from './kpi/routes';
import { mountHealth } from './health';
import { masterDataRoutes } from './masterData/routes';
import { checklistRoutes } from './maintenance/checklist';
import { maintenanceRoutes } from './maintenance/routes';
import { usageRoutes } from './maintenance/usage';
import { improvementRoutes } from './improvement/routes';
import { faultReportRoutes } from './iot/faultReports';
import { measureHttp, mountMetrics } from './metrics';
import { errorHandler, HttpError, redactToken } from './http/errors';
import { refuseNul } from './http/nulGuard';
import { accountRoutes } from './accounts/routes';
import { serviceTokenRoutes } from './accounts/serviceTokens';
import { sessionMiddleware } from './http/sessions';
import { mount } from './http/routes';
import { outboxRoutes } from './notifications/routes';
import { webhookRoutes } from './notifications/webhooks';
import { intakeRoutes } from './serviceRequest/intake';
import { recurrenceRoutes } from './serviceRequest/recurrence';
import { assetRoutes } from './asset/routes';
import { contractRoutes } from './contract/routes';
import { supplierClaimRoutes } from './supplierClaim/routes';
import { requestQueryRoutes } from './serviceRequest/queries';
import { requestStepRoutes } from './serviceRequest/steps';
import { suggestionRoutes } from './suggestion/routes';
import { carryInRoutes } from './serviceRequest/carryIn';
import { calendarRoutes } from './slaPolicies/calendarRoutes';
import { slaPolicyRoutes } from './slaPolicies/routes';
import { servicePolicyRoutes } from './servicePolicy/routes';
import { signatureRoutes } from './serviceRequest/signatures';
import { attachmentRoutes } from './serviceRequest/attachments';
import { partsForUnitRoutes } from './serviceRequest/partsForUnit';
import { documentRoutes } from './documents/routes';
import { mountPages } from './pages/routes';

export const API_PREFIX = '/api/v1';
/** JSON bodies up to this size (413 beyond it, also after decompression). */
export const BODY_LIMIT = '256kb';

/** Content-Encodings we accept for a body; anything else is refused before it is read (415). */
const ENCODINGS = ['identity', 'gzip', 'deflate'];
function refuseUnknownEncodings(req: Request, _res: Response, next: NextFunction): void {
  const encoding = (req.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (ENCODINGS.includes(encoding)) return next();
  next(new HttpError(415, `Content-Encoding ${encoding} is not supported: send ${ENCODINGS.join(', ')}`));
}

/** What every context's routes are given: Temporal, the repositories (the storage seam) and the configuration. */
export interface ServiceDeps {
  client: Client;
  repos: Repositories;
  config: Config;
}

/** The composition root of the services: the one place that turns the models into repositories. */
export function createApp(given: { client: Client; models: Models; config: Config }): express.Express {
  const deps: ServiceDeps = { client: given.client, repos: repositoriesOf(given.models), config: given.config };
  const app = express();
  app.disable('x-powered-by');
  app.use(measureHttp);
  app.use(
    pinoHttp({
      logger,
      // Small lines, no credentials: no headers, and a customer link's token is cut from the URL.
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: redactToken(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (_req, res) => requestFields({ requestNo: (res as Response).locals.requestNo }),
    }),
  );
  app.use(refuseUnknownEncodings);
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(refuseNul);
  app.locals.requests = deps.repos.serviceRequest; // step Idempotency-Keys are bound to their first body (withStepKey)
  // Staff sessions (their id in an HttpOnly cookie): the pages and the API calls their script makes.
  app.use(sessionMiddleware(deps.repos.accounts, deps.config.authSecret, deps.config.publicUrl.startsWith('https:')));

  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const api = express.Router();
  const auth = { secret: deps.config.authSecret, limits: deps.config.tokenMaxSeconds, accounts: deps.repos.accounts };
  mountMetrics(app, {
    ...deps,
    auth,
    workerMetricsUrl: deps.config.workerMetricsUrl,
    taskQueue: deps.config.taskQueue,
  });
  mount(
    api,
    registry,
    [
      ...intakeRoutes(deps),
      ...faultReportRoutes(deps),
      ...requestQueryRoutes(deps),
      ...contractRoutes(deps),
      ...assetRoutes(deps),
      ...supplierClaimRoutes(deps),
      ...requestStepRoutes(deps),
      ...carryInRoutes(deps),
      ...signatureRoutes(deps),
      ...attachmentRoutes(deps),
      ...partsForUnitRoutes(deps),
      ...documentRoutes(deps),
      ...recurrenceRoutes(deps),
      ...improvementRoutes(deps),
      ...complaintRoutes(deps),
      ...suggestionRoutes(deps),
      ...maintenanceRoutes(deps),
      ...usageRoutes(deps),
      ...checklistRoutes(deps),
      ...masterDataRoutes(deps),
      ...auditRoutes(deps),
      ...kpiRoutes(deps),
      ...slaPolicyRoutes(deps),
      ...calendarRoutes(deps),
      ...servicePolicyRoutes(deps),
      ...tripRoutes(deps),
      ...stockRoutes(deps),
      ...returnedModuleRoutes(deps),
      ...outboxRoutes(deps),
      ...webhookRoutes(deps),
      ...accountRoutes(deps),
      ...serviceTokenRoutes({ repos: deps.repos, secret: auth.secret, maxSeconds: auth.limits.staff }),
    ],
    auth,
    API_PREFIX,
  );
  app.use(API_PREFIX, api);

  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'aftersales API',
      version: '1',
      description:
        'Service requests as Temporal workflows. Authenticate with a bearer token; customers use the token of their signed link. ' +
        'Bodies are JSON (UTF-8, optionally gzip or deflate) of at most 256 KB.',
    },
    servers: [{ url: deps.config.publicUrl }],
  });
  app.locals.openApi = document; // docs/roles.md is generated from it (infra/docs/roleTable.ts)
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document));
  mountHealth(app, deps);
  mountPages(app, deps, auth, deps.config.oidc);

  app.use((req, _res, next) => next(new HttpError(404, `no route ${req.method} ${req.path}; see /docs`)));
  app.use(errorHandler);
  return app;
}
