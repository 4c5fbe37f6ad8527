/** Runs the HTTP services alone (scale out behind a load balancer): `tsx services/main.ts`. */
import { ensureCertificationSchedule } from './dispatch/certificationSchedule';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../shared/runtime/config';
import { logger } from '../shared/runtime/logger';
import { connectModels } from '../shared/storage/models';
import { openWorkOf } from '../shared/storage/openWork';
import type { Express } from 'express';
import type { Server } from 'node:http';
import { createApp } from './app';
import { servicesConnectionOptions } from '../shared/runtime/temporalConnection';

/** Listens, or fails with a message that says what to do when the port is taken. */
function listen(app: Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`port ${host}:${port} is in use (another aftersales running?): stop it, or set PORT`)
          : err,
      ),
    );
  });
}

export async function startServices(config = loadConfig()) {
  const connection = await Connection.connect(servicesConnectionOptions(config.temporalAddress));
  const client = new Client({ connection, namespace: config.temporalNamespace });
  const { conn, models } = await connectModels(config.mongoUri);
  const app = createApp({ client, models, config });
  await ensureCertificationSchedule(client, config.taskQueue);
  const server = await listen(app, config.httpHost, config.httpPort).catch(async (err: Error) => {
    await connection.close();
    await conn.close();
    throw err;
  });
  // The dispatcher board and engineers' lists read open work from memory, kept current in the background.
  const openWork = openWorkOf(models).start();
  return {
    server,
    async close() {
      await new Promise((r) => server.close(r));
      await openWork.stop();
      await connection.close();
      await conn.close();
    },
  };
}

if (require.main === module) {
  startServices()
    .then(({ server, close }) => {
      logger.info({ address: server.address() }, 'services listening');
      for (const sig of ['SIGINT', 'SIGTERM'] as const)
        process.once(sig, () => void close().then(() => process.exit(0)));
    })
    .catch((err) => {
      logger.fatal({ err }, 'services failed to start');
      process.exit(1);
    });
}
