/**
 * docs/architecture.md names every folder of the code's layers, so the map a newcomer reads first cannot
 * fall behind the code (code you would inherit: docs that are true).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const LAYERS = ['shared', 'workflows', 'activities', 'services', 'infra', 'test'];

it('docs/architecture.md names every folder under shared, workflows, activities, services, infra and test', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
  const folders = LAYERS.flatMap((layer) =>
    fs
      .readdirSync(path.join(ROOT, layer), { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
      .map((e) => `${layer}/${e.name}`),
  );
  expect(folders.length).toBeGreaterThan(30);
  // Named as `layer/folder/` or, for the test folders, in the `test/` row.
  const missing = folders.filter(
    (f) => !doc.includes(`\`${f}/\``) && !(f.startsWith('test/') && doc.includes(`\`${f.slice(5)}\``)),
  );
  expect(missing).toEqual([]);
});
