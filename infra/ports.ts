/** Loopback ports: waiting for a server to listen, finding a free one, telling whether one is taken. */
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

export function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 60_000, proc?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (proc && proc.exitCode !== null)
        return reject(new Error(`process exited with ${proc.exitCode} before port ${port} opened`));
      const socket = net.connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`port ${host}:${port} did not open within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const portInUse = (port: number): Promise<boolean> =>
  waitForPort(port, '127.0.0.1', 0).then(
    () => true,
    () => false,
  );
