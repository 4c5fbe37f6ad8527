/**
 * What every page route shares: render a page (or the reason it cannot be shown, in the reader's
 * language, with the right status), the signed-in staff member whose role may open it, and the request
 * number in the path.
 */
import type { Request, Response } from 'express';
import type { Role } from '../../shared/common/actor';
import type { Caller } from '../../shared/runtime/auth';
import * as s from '../../shared/serviceRequest/schemas';
import type { Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';
import { sessionCaller } from '../http/sessions';
import { langOf, t, type Lang } from './i18n';
import { html, page, type Html } from './layout';

export class Redirect extends Error {
  constructor(readonly to: string) {
    super(to);
  }
}

export type Build = (req: Request, lang: Lang) => Promise<{ body: Html; who?: string; offline?: boolean }>;

export const render = (title: (lang: Lang) => string, build: Build) => async (req: Request, res: Response) => {
  const lang = langOf(req, res);
  try {
    const { body, who, offline } = await build(req, lang);
    res.type('html').send(page({ req, lang, title: title(lang), body, signedInAs: who, offline }));
  } catch (err) {
    if (err instanceof Redirect) return res.redirect(303, err.to);
    const status = err instanceof HttpError ? err.status : 500;
    const say =
      status === 403 || status === 401
        ? 'errorForbidden'
        : status === 409
          ? 'errorNotAllowed'
          : status === 400 || status === 404
            ? 'errorInput'
            : 'errorOther';
    const detail = err instanceof HttpError ? err.message : '';
    res
      .status(status)
      .type('html')
      .send(page({ req, lang, title: t(lang, say), body: html`<p class="error">${detail}</p>` }));
  }
};

/** The signed-in staff member, if their role may see this page; else to the sign-in. */
export async function staffOf(accounts: Repositories['accounts'], req: Request, roles: Role[]): Promise<Caller> {
  const caller = await sessionCaller(req, accounts);
  if (caller === 'ended') throw new Redirect('/app/sign-in?expired=1');
  if (!caller) throw new Redirect(`/app/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
  if (!roles.includes(caller.role)) throw new HttpError(403, `role ${caller.role} may not open this page`);
  return caller;
}

/** The request number in the path, or a 400 that says what one looks like. */
export function requestNoOf(req: Request): string {
  const parsed = s.requestNoParamSchema.safeParse(req.params);
  if (!parsed.success)
    throw new HttpError(
      400,
      `no request ${String(req.params.requestNo)}: a request number looks like SR-20261122-0001`,
    );
  return parsed.data.requestNo;
}
