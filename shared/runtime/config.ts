/** Configuration from the environment, with safe defaults for the embedded dev setup. Node-only. */
import path from 'node:path';
import { TASK_QUEUE } from '../common/taskQueue';
import { loadOidcConfig } from './oidcConfig';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const int = (name: string, fallback: number): number => {
  const v = process.env[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got '${v}'`);
  return n;
};
const atLeastOne = (name: string, fallback: number): number => {
  const n = int(name, fallback);
  if (n < 1) throw new Error(`${name} must be 1 or more, got ${n}`);
  return n;
};

/** The dev secret signs nothing that leaves this machine; production must set AUTH_SECRET. */
export const DEV_AUTH_SECRET = 'aftersales-dev-secret-do-not-use-in-production';

export const isLoopback = (host: string): boolean => /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/.test(host);

/** '90s', '30m', '12h', '30d' → seconds (the forms token lifetimes are written in). */
export function durationSeconds(name: string, value: string): number {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(value.trim());
  if (!m) throw new Error(`${name} must be a duration like 12h or 30d, got '${value}'`);
  return Number(m[1]) * { s: 1, m: 60, h: 3_600, d: 86_400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

export function loadConfig() {
  const dataDir = path.resolve(env('AFTERSALES_DATA_DIR', 'data'));
  const notifyChannel = env('NOTIFY_CHANNEL', 'smtp');
  if (!['smtp', 'webhook', 'log'].includes(notifyChannel))
    throw new Error(`NOTIFY_CHANNEL must be smtp, webhook or log, got '${notifyChannel}'`);
  const authSecret = env('AUTH_SECRET', DEV_AUTH_SECRET);
  if (process.env.NODE_ENV === 'production' && authSecret === DEV_AUTH_SECRET)
    throw new Error('AUTH_SECRET must be set in production');
  const httpHost = env('HOST', '127.0.0.1');
  if (!isLoopback(httpHost) && authSecret === DEV_AUTH_SECRET) {
    throw new Error(`AUTH_SECRET must be set to serve on ${httpHost}: the built-in dev secret is for loopback only`);
  }
  const customerLinkTtl = env('CUSTOMER_LINK_TTL', '30d');
  const staffTokenMaxTtl = env('STAFF_TOKEN_MAX_TTL', '30d');
  const publicUrl = env('PUBLIC_URL', `http://127.0.0.1:${int('PORT', 3000)}`);
  return {
    dataDir,
    temporalAddress: env('TEMPORAL_ADDRESS', '127.0.0.1:7233'),
    temporalNamespace: env('TEMPORAL_NAMESPACE', 'default'),
    taskQueue: env('TEMPORAL_TASK_QUEUE', TASK_QUEUE),
    temporalUiPort: int('TEMPORAL_UI_PORT', 8233),
    mongoUri: env('MONGODB_URI', 'mongodb://127.0.0.1:27017/aftersales'),
    httpHost,
    httpPort: int('PORT', 3000),
    /** The worker exports the Temporal SDK's metrics on this loopback port; /metrics includes them. */
    workerMetricsPort: int('WORKER_METRICS_PORT', 9464),
    workerMetricsUrl: process.env.WORKER_METRICS_URL,
    /**
     * Workflow runs a worker keeps in memory; others replay from history when they next have work. bench:scale
     * with 5,000 open: worker RSS 2 GB with no limit, 1.4 GB at 1,000, 0.7 GB at 250 (and the fill 26 % faster).
     */
    workerMaxCachedWorkflows: int('WORKER_MAX_CACHED_WORKFLOWS', 250),
    publicUrl,
    /** Staff sign-in through the company's OpenID Provider, beside the local accounts (off unless configured). */
    oidc: loadOidcConfig(publicUrl),
    authSecret,
    customerLinkTtl,
    /** How long an intake holding an Idempotency-Key may take before a retry takes the key over. */
    intakeKeyLeaseMs: int('INTAKE_KEY_LEASE_MS', 30_000),
    /** The longest lifetime (exp - iat) a token may have: staff and services, and customer links. */
    tokenMaxSeconds: {
      staff: durationSeconds('STAFF_TOKEN_MAX_TTL', staffTokenMaxTtl),
      customer: durationSeconds('CUSTOMER_LINK_TTL', customerLinkTtl),
    },
    notifyChannel: notifyChannel as 'smtp' | 'webhook' | 'log',
    /**
     * Messages each delivery lane of the outbox sends at once, each over its own SMTP connection. A crash
     * may send the ones in flight again (with the same Message-ID): a late escalation costs more than a
     * repeated one, while routine mail keeps to at most one message again.
     */
    outboxConcurrency: {
      breach: atLeastOne('OUTBOX_BREACH_CONCURRENCY', 4),
      urgent: atLeastOne('OUTBOX_URGENT_CONCURRENCY', 2),
      routine: atLeastOne('OUTBOX_ROUTINE_CONCURRENCY', 1),
    },
    webhookUrl: process.env.NOTIFY_WEBHOOK_URL,
    smtp: {
      host: env('SMTP_HOST', '127.0.0.1'),
      port: int('SMTP_PORT', 2525),
      from: env('SMTP_FROM', 'aftersales@localhost'),
      user: process.env.SMTP_USER,
      pass: process.env.SMTP_PASS,
    },
  };
}
export type Config = ReturnType<typeof loadConfig>;
