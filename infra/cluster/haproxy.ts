/**
 * The cluster profile's load balancer: Debian's HAProxy in front of the services instances, round robin,
 * each instance checked on /readyz (a part that cannot reach Temporal or the database answers 503
 * and is taken out), and a request that found an instance gone retried once on another (`redispatch`);
 * with none left, a 503 with Retry-After as the instances answer it.
 * No stickiness: sessions live in the database, so any instance answers any page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitForPort } from '../ports';

/** What a caller gets when no instance can answer: our 503 with Retry-After, not HAProxy's page. */
const UNAVAILABLE = [
  'HTTP/1.0 503 Service Unavailable',
  'Cache-Control: no-cache',
  'Connection: close',
  'Content-Type: application/json',
  'Retry-After: 5',
  '',
  '{"error":"no services instance can answer right now; retry shortly"}',
].join('\r\n');

export function haproxyConfig(port: number, backends: number[], statsPort: number, errorFile: string): string {
  return `# Written by infra/cluster/haproxy.ts.
global
  maxconn 2000
defaults
  mode http
  errorfile 503 ${errorFile}
  timeout connect 3s
  timeout client 60s
  timeout server 60s
  retries 2
  option redispatch
  option http-server-close
frontend services
  bind 127.0.0.1:${port}
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 1s fall 2 rise 2
${backends.map((b, i) => `  server services-${i + 1} 127.0.0.1:${b} check`).join('\n')}
listen stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /
`;
}

export async function startHaproxy(opts: {
  binary: string;
  dir: string;
  port: number;
  backends: number[];
  statsPort: number;
  logFile: string;
}): Promise<ChildProcess> {
  const file = path.join(opts.dir, 'haproxy.cfg');
  const errorFile = path.join(opts.dir, 'haproxy-503.http');
  fs.writeFileSync(errorFile, UNAVAILABLE);
  fs.writeFileSync(file, haproxyConfig(opts.port, opts.backends, opts.statsPort, errorFile));
  const out = fs.openSync(opts.logFile, 'a');
  // -db: stay in the foreground, so it ends with this process.
  const child = spawn(opts.binary, ['-db', '-f', file], { stdio: ['ignore', out, out] });
  await waitForPort(opts.port, '127.0.0.1', 30_000, child);
  return child;
}
