/**
 * Demo staff accounts for `npm start`: one per role, passwords chosen at random once per data directory
 * and written to data/demo-accounts.json as [{username, password, role, engineerId?}].
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Role } from '../shared/common/actor';
import { accountStore } from '../shared/storage/accounts';
import { isDuplicateKey, type Models } from '../shared/storage/models';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  engineerId?: string;
}

const DEMO: Omit<DemoAccount, 'password'>[] = [
  { username: 'agent', role: 'agent' },
  { username: 'dispatcher', role: 'dispatcher' },
  { username: 'engineer', role: 'engineer', engineerId: 'ENG-001' },
  { username: 'support', role: 'support' },
  { username: 'quality', role: 'quality' },
  { username: 'manager', role: 'manager' },
  { username: 'admin', role: 'admin' },
];

export async function ensureDemoAccounts(models: Models, file: string): Promise<DemoAccount[]> {
  const known: DemoAccount[] = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
  const accounts = accountStore(models);
  const out: DemoAccount[] = [];
  for (const d of DEMO) {
    const had = known.find((k) => k.username === d.username);
    const password = had?.password ?? randomBytes(9).toString('base64url');
    try {
      await accounts.create({ ...d, displayName: `Demo ${d.role}`, password }, 'seed');
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      if (!had) await accounts.resetPassword(d.username, password, 'seed'); // the file was lost: a new password
    }
    out.push({ ...d, password });
  }
  fs.writeFileSync(file, JSON.stringify(out, null, 2), { mode: 0o600 });
  return out;
}
