/**
 * A real SMTP server on loopback for the embedded setup and tests: accepts every message, keeps it in
 * memory and (optionally) writes it as an .eml file, so notifications can be read without a mail provider.
 */
import fs from 'node:fs';
import path from 'node:path';
import libmime from 'libmime';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  from: string;
  to: string[];
  raw: string;
  /** The subject as the person reads it (decoded). */
  subject: string;
  headers: Record<string, string>;
  /** When the catcher accepted it (ms since the epoch): what a benchmark measures delivery by. */
  receivedAt: number;
}

export interface MailCatcherOptions {
  port: number;
  dir?: string;
  onMail?: (m: CaughtMail) => void;
  /** While this answers true, every message is refused with a temporary failure (an outage, for tests). */
  refuse?: () => boolean;
  /** Each message is answered this much later: a slow mail provider, for tests. */
  delayMs?: number;
}

export async function startMailCatcher(opts: MailCatcherOptions) {
  const mails: CaughtMail[] = [];
  // Messages received and not yet answered (a slow server's): how many senders deliver at the same time.
  let answering = 0;
  let mostAtOnce = 0;
  if (opts.dir) fs.mkdirSync(opts.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100, // senders keep pooled connections open: closing does not wait for them to leave
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (opts.refuse?.()) {
          const err = Object.assign(new Error('mail system busy, try again later'), { responseCode: 451 });
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
        const headers: Record<string, string> = {};
        for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
          const i = line.indexOf(':');
          if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
        }
        const mail: CaughtMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          // Decoded from its RFC 2047 encoded words (a Chinese subject travels as =?UTF-8?B?…?=).
          subject: libmime.decodeWords(headers.subject ?? ''),
          headers,
          receivedAt: Date.now(),
        };
        answering++;
        mostAtOnce = Math.max(mostAtOnce, answering);
        const accept = () => {
          answering--;
          mails.push(mail);
          if (opts.dir) fs.writeFileSync(path.join(opts.dir, `${Date.now()}-${mails.length}.eml`), raw);
          opts.onMail?.(mail);
          callback();
        };
        if (opts.delayMs) setTimeout(accept, opts.delayMs);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  return { mails, mostAtOnce: () => mostAtOnce, close: () => new Promise<void>((r) => server.close(() => r())) };
}
