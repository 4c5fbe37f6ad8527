/**
 * The cluster profile's Temporal Server (go.temporal.io/server, built by `infra/tools.sh --cluster`): its
 * PostgreSQL persistence and SQL visibility set up by its own schema tool (temporal-sql-tool: create the
 * databases, set up the base schema, apply every versioned update; again on each start, which is a no-op
 * when current), and one process running the frontend, history, matching and worker services with a
 * configuration written here. Dynamic config: eager activities on (as the dev server), and the limits
 * this system's search attributes need.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PG_USER } from '../postgres';
import { waitForPort } from '../ports';

export interface ClusterTools {
  temporalServer: string;
  temporalSqlTool: string;
  /** The server module's schema directory (schema/postgresql/v12). */
  temporalSchemaDir: string;
}

export interface TemporalPorts {
  frontend: number;
  history: number;
  matching: number;
  worker: number;
  /** Membership ports, one per service. */
  membership: [number, number, number, number];
}

const DATABASES = { temporal: 'temporal', visibility: 'temporal_visibility' };

/** Creates the databases and brings both schemas to the server's version (idempotent). */
export function setUpSchemas(tools: ClusterTools, pgPort: number, log: (line: string) => void): void {
  const base = ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(pgPort), '-u', PG_USER];
  const tool = (db: string, args: string[]) =>
    execFileSync(tools.temporalSqlTool, [...base, '--db', db, ...args], { stdio: 'pipe' }).toString();
  for (const [kind, db] of Object.entries(DATABASES)) {
    try {
      tool(db, ['create-database']);
    } catch (err) {
      if (!/already exists/.test(String((err as { stderr?: Buffer }).stderr))) throw err;
    }
    const versioned = path.join(tools.temporalSchemaDir, kind === 'temporal' ? 'temporal' : 'visibility', 'versioned');
    try {
      tool(db, ['setup-schema', '-v', '0.0']);
    } catch (err) {
      // Set up on an earlier start: the versioned updates below bring it up to date.
      if (!/already exists/.test(String((err as { stderr?: Buffer }).stderr))) throw err;
    }
    tool(db, ['update-schema', '-d', versioned]);
    log(`${db} schema up to date`);
  }
}

function configYaml(pgPort: number, p: TemporalPorts, dynamicConfig: string): string {
  const store = (db: string, conns: number) => `
      sql:
        pluginName: "postgres12"
        databaseName: "${db}"
        connectAddr: "127.0.0.1:${pgPort}"
        connectProtocol: "tcp"
        user: "${PG_USER}"
        password: ""
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: "1h"`;
  const service = (name: string, grpc: number, membership: number) => `
  ${name}:
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true`;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: 4
  datastores:
    default:${store(DATABASES.temporal, 20)}
    visibility:${store(DATABASES.visibility, 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
services:${service('frontend', p.frontend, p.membership[0])}${service('history', p.history, p.membership[1])}${service('matching', p.matching, p.membership[2])}${service('worker', p.worker, p.membership[3])}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${p.frontend}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: "${dynamicConfig}"
  pollInterval: "10s"
`;
}

const DYNAMIC_CONFIG = `# Written by infra/cluster/temporalServer.ts.
system.enableActivityEagerExecution:
  - value: true
frontend.enableUpdateWorkflowExecution:
  - value: true
frontend.enableUpdateWorkflowExecutionAsyncAccepted:
  - value: true
limit.maxIDLength:
  - value: 255
`;

/** Starts the server (all four services in one process) and waits for its frontend. */
export async function startTemporalServer(opts: {
  tools: ClusterTools;
  dir: string;
  pgPort: number;
  ports: TemporalPorts;
  logFile: string;
}): Promise<ChildProcess> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const dynamicConfig = path.join(opts.dir, 'dynamicconfig.yaml');
  fs.writeFileSync(dynamicConfig, DYNAMIC_CONFIG);
  const configFile = path.join(opts.dir, 'temporal.yaml');
  fs.writeFileSync(configFile, configYaml(opts.pgPort, opts.ports, dynamicConfig));
  const out = fs.openSync(opts.logFile, 'a');
  const child = spawn(
    opts.tools.temporalServer,
    [
      '--config-file',
      configFile,
      '--allow-no-auth',
      'start',
      '--service',
      'frontend',
      '--service',
      'history',
      '--service',
      'matching',
      '--service',
      'worker',
    ],
    { stdio: ['ignore', out, out] },
  );
  await waitForPort(opts.ports.frontend, '127.0.0.1', 120_000, child);
  return child;
}
