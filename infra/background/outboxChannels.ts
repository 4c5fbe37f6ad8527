/**
 * The outbox's delivery channels (R-INTEGRATE-4): SMTP over pooled, kept-open connections (a message costs one
 * SMTP transaction, not a connection and a handshake), a webhook, or the log.
 */
import { createHash } from 'node:crypto';
import { PRIORITIES } from '../../shared/notifications/lanes';
import nodemailer from 'nodemailer';
import { logger } from '../../shared/runtime/logger';

export interface OutboxMessage {
  key: string;
  to: string;
  address?: string | null;
  subject?: string | null;
  body?: string | null;
  requestNo?: string | null;
  template?: string | null;
}
export interface Channel {
  send(msg: OutboxMessage): Promise<void>;
  close?(): void;
}

/** SMTP connections kept open by default: one for each priority's lane (the worker opens one per sender). */
export const SMTP_CONNECTIONS = PRIORITIES.length;

export function smtpChannel(opts: {
  host: string;
  port: number;
  from: string;
  secure?: boolean;
  user?: string;
  pass?: string;
  /** Connections kept open to the server: one per lane that sends at the same time. */
  maxConnections?: number;
}): Channel {
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: opts.maxConnections ?? SMTP_CONNECTIONS,
    maxMessages: 500, // a connection is renewed after this many messages
    host: opts.host,
    port: opts.port,
    secure: opts.secure ?? false,
    ...(opts.user ? { auth: { user: opts.user, pass: opts.pass ?? '' } } : {}),
    ...(opts.host === '127.0.0.1' || opts.host === 'localhost' ? { ignoreTLS: true } : {}),
  });
  const domain = opts.from.split('@')[1]?.replace(/[>\s]/g, '') || 'aftersales.invalid';
  return {
    close: () => transport.close(),
    async send(msg) {
      await transport.sendMail({
        // The same Message-ID for every attempt of one message: a receiver can drop a duplicate.
        messageId: messageIdOf(msg.key, domain),
        from: opts.from,
        to: msg.address!,
        subject: msg.subject ?? '',
        text: msg.body ?? '',
        headers: { 'X-Aftersales-Key': msg.key, ...(msg.requestNo ? { 'X-Aftersales-Request': msg.requestNo } : {}) },
      });
    },
  };
}

/** A stable Message-ID per outbox key (the key's characters are not all allowed in one). */
export const messageIdOf = (key: string, domain: string): string =>
  `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;

export function webhookChannel(): Channel {
  return {
    async send(msg) {
      const res = await fetch(msg.address!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': msg.key },
        body: JSON.stringify({
          key: msg.key,
          requestNo: msg.requestNo,
          to: msg.to,
          template: msg.template,
          subject: msg.subject,
          body: msg.body,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    },
  };
}

export function logChannel(write: (line: string) => void = (l) => logger.info(l)): Channel {
  return {
    async send(msg) {
      write(`[notify] to ${msg.to}${msg.address ? ` <${msg.address}>` : ''}: ${msg.subject}`);
    },
  };
}
