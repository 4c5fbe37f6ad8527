/**
 * The systemd units of docs/deployment.md (infra/deploy/*.service) pass systemd's own linter,
 * `systemd-analyze verify`, as instance 1 of each template; a unit with a misspelt key does not (the check
 * can fail).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const DEPLOY = path.join(__dirname, '..', '..', 'infra', 'deploy');
const units = fs.readdirSync(DEPLOY).filter((f) => f.endsWith('@.service'));

/** What `systemd-analyze verify` says of `text` as `<name>1.service`; nothing when it is clean. */
function verify(name: string, text: string): { status: number | null; said: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'units-'));
  const file = path.join(dir, name.replace('@.service', '@1.service'));
  fs.writeFileSync(file, text);
  const r = spawnSync('systemd-analyze', ['verify', '--man=no', file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.error) throw r.error; // systemd-analyze is part of Debian's systemd
  return { status: r.status, said: `${r.stdout}${r.stderr}`.trim() };
}

it('R-INTEGRATE-2 the deployment docs name units that exist', () => {
  expect(units.sort()).toEqual(['aftersales-services@.service', 'aftersales-worker@.service']);
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'deployment.md'), 'utf8');
  for (const u of units) expect(doc).toContain(`infra/deploy/${u}`);
});

it.each(units)('R-INTEGRATE-2 %s passes systemd-analyze verify', (unit) => {
  expect(verify(unit, fs.readFileSync(path.join(DEPLOY, unit), 'utf8'))).toEqual({ status: 0, said: '' });
});

it('R-INTEGRATE-2 a unit with a misspelt key is reported', () => {
  const text = fs.readFileSync(path.join(DEPLOY, units[0]), 'utf8').replace('Restart=always', 'Restrat=always');
  expect(verify(units[0], text).said).toContain("Unknown key 'Restrat'");
});
