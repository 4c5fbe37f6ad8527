/** The HTTP services as one Express app; each context's routes mount under /api/v1. */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import express from 'express';
import swaggerUi from 'swagger-ui-express';
import type { Config } from '../shared/runtime/config';
import type { Models } from '../shared/storage/models';
import { stockRoutes } from './fieldTrip/stock';
import { tripRoutes } from './fieldTrip/routes';
import { errorHandler, HttpError } from './http/errors';
import { mount } from './http/routes';
import { intakeRoutes } from './serviceRequest/intake';
import { requestQueryRoutes } from './serviceRequest/queries';
import { requestStepRoutes } from './serviceRequest/steps';
import { slaPolicyRoutes } from './slaPolicies/routes';

export const API_PREFIX = '/api/v1';

export function createApp(deps: { client: Client; models: Models; config: Config }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '256kb' }));

  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const api = express.Router();
  mount(
    api,
    registry,
    [
      ...intakeRoutes(deps),
      ...requestQueryRoutes(deps),
      ...requestStepRoutes(deps),
      ...slaPolicyRoutes(deps),
      ...tripRoutes(deps),
      ...stockRoutes(deps),
    ],
    deps.config.authSecret,
    API_PREFIX,
  );
  app.use(API_PREFIX, api);

  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'aftersales API',
      version: '1',
      description:
        'Service requests as Temporal workflows. Authenticate with a bearer token; customers use the token of their signed link.',
    },
    servers: [{ url: deps.config.publicUrl }],
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document));
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  app.use((req, _res, next) => next(new HttpError(404, `no route ${req.method} ${req.path}; see /docs`)));
  app.use(errorHandler);
  return app;
}
