/** Reliability issue, item 4: the documented roles are the enforced ones, from one source (the route table). */
import fs from 'node:fs';
import { operations, ROLES_FILE, roleTable } from '../../infra/docs/roleTable';

describe('role table', () => {
  it('R-INTEGRATE-2 docs/roles.md is generated from the route table and current (npm run docs:roles)', () => {
    expect(fs.readFileSync(ROLES_FILE, 'utf8')).toBe(roleTable());
  });

  it('R-INTEGRATE-2 least privilege where the table and the behaviour disagreed', () => {
    const roles = (method: string, path: string) =>
      operations().find((o) => o.method === method && o.path === `/api/v1${path}`)?.roles;
    expect(roles('GET', '/maintenance-plans')).not.toContain('quality');
    expect(roles('GET', '/complaints/{complaintNo}')).toContain('quality'); // quality investigates complaints
    for (const op of operations()) expect(op.roles.length).toBeGreaterThan(0);
  });
});
