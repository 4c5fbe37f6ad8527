/**
 * Staff sessions on the server (express-session, its store on our database by `_id`): an HttpOnly,
 * SameSite=Strict cookie carries only the session id. A session ends on sign-out, after SESSION_IDLE of
 * no use, SESSION_MAX after sign-in, and at once when its account is deactivated or its password reset.
 */
import type { Request } from 'express';
import session from 'express-session';
import type { Caller } from '../../shared/runtime/auth';
import type { Repositories } from '../../shared/storage/repositories';

type Accounts = Repositories['accounts'];

export const SESSION_COOKIE = 'aftersales_session';
const ms = (name: string, fallback: number) => Number(process.env[name] ?? '') || fallback;
/** Idle and absolute lifetimes (ms); SESSION_IDLE_MS and SESSION_MAX_MS override them. */
export const sessionLimits = () => ({
  idleMs: ms('SESSION_IDLE_MS', 30 * 60_000),
  maxMs: ms('SESSION_MAX_MS', 12 * 3_600_000),
});

export interface SignedIn {
  username?: string;
  epoch?: number;
  signedInAt?: number;
}

class DatabaseStore extends session.Store {
  constructor(private readonly accounts: Accounts) {
    super();
  }
  override get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void): void {
    this.accounts.sessions
      .get(sid)
      .then((d) => cb(null, d && d.expiresAt > new Date() ? (d.data as session.SessionData) : null), cb);
  }
  override set(sid: string, s: session.SessionData, cb?: (err?: unknown) => void): void {
    const data = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
    this.accounts.sessions.update(sid, { $set: { data, expiresAt: this.expiry(s) } }, { upsert: true }).then(
      () => cb?.(),
      (err) => cb?.(err),
    );
  }
  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.accounts.sessions.remove(sid).then(
      () => cb?.(),
      (err) => cb?.(err),
    );
  }
  override touch(sid: string, s: session.SessionData, cb?: () => void): void {
    this.accounts.sessions.update(sid, { $set: { expiresAt: this.expiry(s) } }).then(
      () => cb?.(),
      () => cb?.(),
    );
  }
  private expiry(s: session.SessionData): Date {
    return s.cookie?.expires ? new Date(s.cookie.expires) : new Date(Date.now() + sessionLimits().idleMs);
  }
}

export function sessionMiddleware(accounts: Accounts, secret: string, secure: boolean) {
  return session({
    name: SESSION_COOKIE,
    secret,
    store: new DatabaseStore(accounts),
    resave: false,
    saveUninitialized: false,
    rolling: true, // the idle expiry restarts with every use
    cookie: { httpOnly: true, sameSite: 'strict', secure, maxAge: sessionLimits().idleMs, path: '/' },
  });
}

/**
 * The staff member this request's session belongs to: undefined without a session; 'ended' when it was
 * signed out, passed its absolute lifetime, or its account was deactivated or reset since.
 */
export async function sessionCaller(req: Request, accounts: Accounts): Promise<Caller | 'ended' | undefined> {
  const s = req.session as (session.Session & SignedIn) | undefined;
  if (!s?.username) return req.get('cookie')?.includes(`${SESSION_COOKIE}=`) ? 'ended' : undefined;
  const account = await accounts.accounts.get(s.username);
  const tooOld = Date.now() - (s.signedInAt ?? 0) > sessionLimits().maxMs;
  if (!account || !account.active || account.sessionEpoch !== s.epoch || tooOld) {
    await new Promise((r) => s.destroy(r));
    return 'ended';
  }
  const id = account.role === 'engineer' && account.engineerId ? account.engineerId : account._id;
  return { role: account.role as Caller['role'], id };
}
