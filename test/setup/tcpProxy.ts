/**
 * A loopback TCP proxy a test can hold: while held, what one direction sends waits in the proxy (as behind a
 * congested link) — the clients' requests, or the server's answers — so a process is caught mid-step,
 * deterministically; release sends it on in order.
 */
import net from 'node:net';

export interface TcpProxy {
  address: string;
  /** requests: what clients send waits; answers: the server acts on requests but its answers wait. */
  hold(what: 'requests' | 'answers'): void;
  release(): void;
  close(): Promise<void>;
}

export async function tcpProxy(target: string): Promise<TcpProxy> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  let held: 'requests' | 'answers' | undefined;
  const waiting: [net.Socket, Buffer][] = [];
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, host);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => undefined); // a killed process's connection simply ends
      s.on('close', () => open.delete(s));
    }
    client.on('data', (chunk) => (held === 'requests' ? waiting.push([upstream, chunk]) : upstream.write(chunk)));
    upstream.on('data', (chunk) => (held === 'answers' ? waiting.push([client, chunk]) : client.write(chunk)));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    hold: (what) => {
      held = what;
    },
    release: () => {
      held = undefined;
      for (const [s, chunk] of waiting.splice(0)) if (!s.destroyed) s.write(chunk);
    },
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
