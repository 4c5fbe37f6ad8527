/** Pending routine mails for the outbox tests: `<prefix>/<i>`, one customer address each. */
import type { Models } from '../../shared/storage/models';

export const queueMessages = (models: Models, prefix: string, n: number, from = 0) =>
  models.Outbox.insertMany(
    Array.from({ length: n }, (_, k) => from + k).map((i) => ({
      _id: `${prefix}/${i}`,
      requestNo: prefix,
      channel: 'smtp',
      to: 'customer',
      address: `c${i}@example.test`,
      template: 't',
      subject: `${prefix} message ${i}`,
      body: 'hello',
      status: 'pending',
      lane: 'routine:smtp', // as the outbox queues a routine mail
    })),
  );
