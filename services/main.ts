/** Runs the HTTP services alone (scale out behind a load balancer): `tsx services/main.ts`. */
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../shared/runtime/config';
import { connectModels } from '../shared/storage/models';
import { createApp } from './app';

export async function startServices(config = loadConfig()) {
  const connection = await Connection.connect({ address: config.temporalAddress });
  const client = new Client({ connection, namespace: config.temporalNamespace });
  const { conn, models } = await connectModels(config.mongoUri);
  const app = createApp({ client, models, config });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(config.httpPort, '127.0.0.1', () => resolve(s));
  });
  return {
    server,
    async close() {
      await new Promise((r) => server.close(r));
      await connection.close();
      await conn.close();
    },
  };
}

if (require.main === module) {
  startServices()
    .then(({ server, close }) => {
      console.log(`[services] listening on ${JSON.stringify(server.address())}`);
      for (const sig of ['SIGINT', 'SIGTERM'] as const)
        process.once(sig, () => void close().then(() => process.exit(0)));
    })
    .catch((err) => {
      console.error('[services] failed to start:', err);
      process.exit(1);
    });
}
