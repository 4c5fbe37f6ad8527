/** Configuration from the environment, with safe defaults for the embedded dev setup. Node-only. */
import path from 'node:path';
import { TASK_QUEUE } from '../common/taskQueue';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const int = (name: string, fallback: number): number => {
  const v = process.env[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got '${v}'`);
  return n;
};

/** The dev secret signs nothing that leaves this machine; production must set AUTH_SECRET. */
export const DEV_AUTH_SECRET = 'aftersales-dev-secret-do-not-use-in-production';

export function loadConfig() {
  const dataDir = path.resolve(env('AFTERSALES_DATA_DIR', 'data'));
  const notifyChannel = env('NOTIFY_CHANNEL', 'smtp');
  if (!['smtp', 'webhook', 'log'].includes(notifyChannel))
    throw new Error(`NOTIFY_CHANNEL must be smtp, webhook or log, got '${notifyChannel}'`);
  const authSecret = env('AUTH_SECRET', DEV_AUTH_SECRET);
  if (process.env.NODE_ENV === 'production' && authSecret === DEV_AUTH_SECRET)
    throw new Error('AUTH_SECRET must be set in production');
  return {
    dataDir,
    temporalAddress: env('TEMPORAL_ADDRESS', '127.0.0.1:7233'),
    temporalNamespace: env('TEMPORAL_NAMESPACE', 'default'),
    taskQueue: env('TEMPORAL_TASK_QUEUE', TASK_QUEUE),
    temporalUiPort: int('TEMPORAL_UI_PORT', 8233),
    mongoUri: env('MONGODB_URI', 'mongodb://127.0.0.1:27017/aftersales'),
    httpPort: int('PORT', 3000),
    publicUrl: env('PUBLIC_URL', `http://127.0.0.1:${int('PORT', 3000)}`),
    authSecret,
    customerLinkTtl: env('CUSTOMER_LINK_TTL', '30d'),
    notifyChannel: notifyChannel as 'smtp' | 'webhook' | 'log',
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
