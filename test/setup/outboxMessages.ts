/** Pending mails for the outbox tests (routine unless a template says otherwise): `<prefix>/<i>`, one address each. */
import { laneOf } from '../../shared/notifications/lanes';
import type { Models } from '../../shared/storage/models';

export const queueMessages = (models: Models, prefix: string, n: number, from = 0, template = 't') =>
  models.Outbox.insertMany(
    Array.from({ length: n }, (_, k) => from + k).map((i) => ({
      _id: `${prefix}/${i}`,
      requestNo: prefix,
      channel: 'smtp',
      to: 'customer',
      address: `c${i}@example.test`,
      template,
      subject: `${prefix} message ${i}`,
      body: 'hello',
      status: 'pending',
      lane: laneOf(template, 'smtp'), // as the outbox queues it
    })),
  );
