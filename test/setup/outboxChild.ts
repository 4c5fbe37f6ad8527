/**
 * A dispatcher in a process of its own, for the outbox crash test (test/integration/outboxCrash): it
 * delivers what is pending to SMTP_PORT on loopback, tick after tick, until it is killed.
 */
import { OutboxDispatcher, smtpChannel } from '../../infra/background/outboxDelivery';
import { connectModels } from '../../shared/storage/models';
import { repositoriesOf } from '../../shared/storage/repositories';

async function main() {
  const { models } = await connectModels(process.env.MONGODB_URI!, { serverSelectionTimeoutMS: 1_000 });
  const channel = smtpChannel({ host: '127.0.0.1', port: Number(process.env.SMTP_PORT), from: 'aftersales@localhost' });
  const dispatcher = new OutboxDispatcher(repositoriesOf(models).notifications, channel);
  for (;;) {
    await dispatcher.deliverPending();
    await new Promise((r) => setTimeout(r, 100));
  }
}
void main();
