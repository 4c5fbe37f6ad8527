/**
 * docs/roles.md, generated from the route table (each route's roles, as the OpenAPI document carries
 * them), so the documented roles and the enforced ones are one source. `npm run docs:roles` writes it;
 * test/unit/roleTable.test.ts fails when it is stale.
 */
import { Client, Connection } from '@temporalio/client';
import fs from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { createApp } from '../../services/app';
import { loadConfig } from '../../shared/runtime/config';
import { createModels } from '../../shared/storage/models';

export const ROLES_FILE = path.join(__dirname, '..', '..', 'docs', 'roles.md');
const ROLES = [
  'agent',
  'dispatcher',
  'engineer',
  'support',
  'quality',
  'manager',
  'admin',
  'service',
  'customer',
] as const;

interface Operation {
  summary?: string;
}

/** Method, path and roles of every operation under /api/v1, in the order the route table mounts them. */
export function operations(): { method: string; path: string; roles: string[]; what: string }[] {
  // Nothing is called: the app is only built, so its route table and OpenAPI document exist.
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const models = createModels(mongoose.createConnection());
  const app = createApp({ client, models, config: loadConfig() });
  const doc = app.locals.openApi as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const m = /^(.*) \(roles: ([^)]*)\)$/.exec(op.summary ?? '');
      return { method: method.toUpperCase(), path: p, roles: m ? m[2].split(', ') : [], what: m ? m[1] : '' };
    }),
  );
}

export function roleTable(): string {
  const ops = operations();
  const head = `| operation | ${ROLES.join(' | ')} | what |`;
  const rule = `| --- | ${ROLES.map(() => ':-:').join(' | ')} | --- |`;
  const rows = ops.map(
    (o) =>
      `| \`${o.method} ${o.path}\` | ${ROLES.map((r) => (o.roles.includes(r) ? '✓' : '')).join(' | ')} | ${o.what} |`,
  );
  return [
    '# Who may call what',
    '',
    'Generated from the route table by `npm run docs:roles` (`npm test` fails when this file is stale): the roles',
    'each operation admits at the edge (401 without credentials, 403 for any other role). Within a role, the',
    'scope is narrower where a row needs it:',
    '',
    '- **engineer**: only requests and trips offered or assigned to them, now or earlier (403 otherwise); a step',
    '  needs the engineer it is assigned to. Improvement actions: only those they own.',
    '- **support**: improvement actions only those they own.',
    '- **customer**: only the request or complaint of their signed link (`?token=`).',
    '- The workflows check the rest in words (409/403): the owner of an improvement action progresses it and',
    '  never verifies it, the offered engineer accepts, the customer approves their own quotation.',
    '',
    `${ops.length} operations under \`/api/v1\`.`,
    '',
    head,
    rule,
    ...rows,
    '',
  ].join('\n');
}

if (require.main === module) {
  fs.writeFileSync(ROLES_FILE, roleTable());
  console.log(`wrote ${path.relative(process.cwd(), ROLES_FILE)}`);
  process.exit(0);
}
