/** Shared HTTP plumbing: a route table that registers Express handlers and OpenAPI paths together. */
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { errorSchema } from '../../shared/common/responses';
import { HttpError, validationError } from './errors';
import type { ZodType } from 'zod';
import { verifyToken, type Caller, type TokenLimits } from '../../shared/runtime/auth';
import type { Actor, Role } from '../../shared/common/actor';
import type { Repositories } from '../../shared/storage/repositories';
import { sessionCaller } from './sessions';

export interface RouteContext<B> {
  caller: Caller;
  body: B;
  params: Record<string, string>;
  query: Record<string, unknown>;
  req: Request;
  res: Response;
}
export interface Route<B = unknown> {
  method: 'get' | 'post' | 'put';
  path: string; // express style, e.g. /requests/:requestNo/check-in
  summary: string;
  roles: Role[];
  body?: ZodType<B>;
  query?: ZodType;
  params?: ZodType;
  success?: number;
  /** What a successful call answers (documented in OpenAPI; the fuzz test checks answers against it). */
  response: ZodType;
  /** Other media types a successful call may answer, besides JSON (a PDF, a PNG, a CSV export). */
  media?: { type: string; description: string }[];
  /** Only these media types, no JSON (the answer is a file). */
  mediaOnly?: boolean;
  /**
   * The body is a file of one of these types, up to maxBytes, read only once the caller is authenticated
   * and allowed (the handler's `body` is its bytes); another type is 415, a larger one 413.
   */
  upload?: { types: readonly string[]; maxBytes: number };
  handler: (ctx: RouteContext<B>) => Promise<unknown>;
}

export interface AuthSettings {
  secret: string;
  limits: TokenLimits;
  /** Where staff sessions, accounts and issued tokens live (absent: bearer tokens and links only). */
  accounts?: Repositories['accounts'];
}

const json = (schema: ZodType) => ({ 'application/json': { schema } });

export const route = <B>(r: Route<B>): Route<B> => r;

function contentOf(r: Route<any>) {
  const files = Object.fromEntries(
    (r.media ?? []).map((m) => [m.type, { schema: { type: 'string', format: 'binary', description: m.description } }]),
  );
  return r.mediaOnly ? files : { ...json(r.response), ...files };
}

export function mount(
  router: Router,
  registry: OpenAPIRegistry,
  routes: Route<any>[],
  auth: AuthSettings,
  prefix: string,
): void {
  for (const r of routes) {
    registry.registerPath({
      method: r.method,
      path: prefix + r.path.replace(/:(\w+)/g, '{$1}'),
      summary: `${r.summary} (roles: ${r.roles.join(', ')})`,
      security: [{ bearer: [] }],
      request: {
        ...(r.params ? { params: r.params as any } : {}),
        ...(r.query ? { query: r.query as any } : {}),
        ...(r.body ? { body: { content: { 'application/json': { schema: r.body } } } } : {}),
        ...(r.upload ? { body: { content: Object.fromEntries(r.upload.types.map((t) => [t, BINARY])) } } : {}),
      },
      responses: {
        [r.success ?? 200]: { description: 'OK', content: contentOf(r) },
        ...(r.success === 201
          ? { 200: { description: 'replayed: an earlier call with this Idempotency-Key', content: json(r.response) } }
          : {}),
        400: { description: 'invalid input: names the field and the rule', content: json(errorSchema) },
        401: { description: 'missing or invalid credentials', content: json(errorSchema) },
        403: { description: 'caller may not do this', content: json(errorSchema) },
        404: { description: 'unknown request, trip or route', content: json(errorSchema) },
        409: { description: 'not allowed in the current state, with the reason', content: json(errorSchema) },
        413: { description: 'body over 256 KB (also once inflated)', content: json(errorSchema) },
        415: { description: 'body not UTF-8 JSON, or an unsupported Content-Encoding', content: json(errorSchema) },
        ...(r.method === 'post'
          ? { 422: { description: 'Idempotency-Key already used with a different body', content: json(errorSchema) } }
          : {}),
        503: {
          description: 'a dependency is unreachable, or the request is moving to a new run: retry after Retry-After',
          headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'seconds' } },
          content: json(errorSchema),
        },
      },
    });
    router[r.method](r.path, async (req: Request, res: Response, next: NextFunction) => {
      res.locals.route = prefix + r.path; // for the metrics: the pattern, not the path
      try {
        const caller = await authenticate(req, auth);
        if (!r.roles.includes(caller.role))
          throw new HttpError(
            403,
            `role ${caller.role} may not ${r.summary.toLowerCase()}; allowed: ${r.roles.join(', ')}`,
          );
        const params = (r.params ? parse(r.params, req.params, 'path') : req.params) as Record<string, string>;
        if (params.requestNo) res.locals.requestNo = params.requestNo; // on this request's log line
        // A customer's link opens one request or complaint: its number is in the link.
        if (caller.role === 'customer' && (params.requestNo ?? params.complaintNo) !== caller.requestNo) {
          throw new HttpError(403, 'this link is for another request');
        }
        const query = (r.query ? parse(r.query, req.query, 'query') : {}) as Record<string, unknown>;
        if (r.body && hasBody(req) && !req.is('application/json')) {
          throw new HttpError(
            415,
            `send the body as JSON (Content-Type: application/json), not ${req.get('content-type')}`,
          );
        }
        const body = r.upload
          ? await fileOf(req, res, r.upload)
          : r.body
            ? parse(r.body, req.body ?? {}, 'body')
            : undefined;
        const result = await r.handler({ caller, body, params, query, req, res });
        // A handler may set res.locals.status (e.g. 200 for a replay), or stream its answer itself (exports).
        if (!res.headersSent) res.status(res.locals.status ?? r.success ?? 200).json(result);
      } catch (err) {
        next(err);
      }
    });
  }
}

const BINARY = { schema: { type: 'string' as const, format: 'binary' } };

/** The uploaded file's bytes, after its declared type is checked (what the bytes are is the handler's to check). */
async function fileOf(req: Request, res: Response, upload: NonNullable<Route['upload']>): Promise<Buffer> {
  const type = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!upload.types.includes(type))
    throw new HttpError(415, `send the file as one of ${upload.types.join(', ')}, not ${type || 'no Content-Type'}`);
  const parser = express.raw({ type: () => true, limit: upload.maxBytes });
  await new Promise<void>((resolve, reject) => parser(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new HttpError(400, 'body: the file is empty');
  return req.body;
}

/** Whether the request carries a body at all (a POST without one is validated as `{}`). */
const hasBody = (req: Request) =>
  Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;

/** Sent by the pages' script on every call: a cross-site form cannot send it, so the cookie alone never acts. */
export const PAGE_HEADER = 'x-aftersales-page';

/**
 * Who calls: a bearer token in the header, a customer's signed link in `?token=` (customers only), or
 * a signed-in staff member's session cookie (a GET, or a call that carries the pages' header).
 */
export async function authenticate(req: Request, auth: AuthSettings): Promise<Caller> {
  const header = req.get('authorization');
  const inQuery = typeof req.query.token === 'string' ? req.query.token : undefined;
  if (!header && !inQuery && auth.accounts) {
    const signedIn = await sessionCaller(req, auth.accounts);
    if (signedIn === 'ended') throw new HttpError(401, 'your session has ended: sign in again at /app/sign-in');
    if (signedIn) {
      if (req.method !== 'GET' && req.get(PAGE_HEADER) !== '1') {
        throw new HttpError(
          403,
          `a signed-in page sends the ${PAGE_HEADER} header; other clients send Authorization: Bearer`,
        );
      }
      return signedIn;
    }
  }
  const token = header?.startsWith('Bearer ') ? header.slice(7) : inQuery;
  if (!token) {
    throw new HttpError(
      401,
      'missing credentials: send Authorization: Bearer <token> (customers: the ?token= of their link)',
    );
  }
  let caller: Caller;
  try {
    caller = await verifyToken(auth.secret, token, auth.limits);
  } catch (err) {
    throw new HttpError(401, `invalid credentials: ${(err as Error).message}`);
  }
  if (caller.id.includes('\u0000')) throw new HttpError(401, 'invalid credentials: sub contains a NUL character');
  if (token === inQuery && caller.role !== 'customer') {
    throw new HttpError(401, 'staff and service tokens go in the Authorization header; ?token= is for customer links');
  }
  if (caller.tokenId) {
    // An issued token works while it is on record and not revoked: revocation takes effect at once.
    const issued = auth.accounts ? await auth.accounts.serviceTokens.get(caller.tokenId) : null;
    if (!issued) throw new HttpError(401, 'invalid credentials: this token was not issued here');
    if (issued.revokedAt) throw new HttpError(401, `invalid credentials: token ${caller.tokenId} was revoked`);
  }
  return caller;
}

function parse<T>(schema: ZodType<T>, input: unknown, where: string): T {
  if (where === 'query' && input && typeof input === 'object') {
    const { token: _ignored, ...rest } = input as Record<string, unknown>; // the customer link's token is not a filter
    input = rest;
  }
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

/** The acting caller, as workflows record it. */
export const actorOf = (c: Caller): Actor => ({ role: c.role, id: c.id });
