/**
 * Replay fixtures (test/fixtures/*.history.b64): written only when asked with RECORD_HISTORY, and never
 * over one that exists. A released version's fixture is what guards the runs still on that version, so a
 * change records a new file: RECORD_HISTORY=1 writes the fixtures that do not exist yet (and says which it
 * kept), RECORD_HISTORY=<file name> writes that one file only, replacing it on purpose.
 */
import { temporal } from '@temporalio/proto';
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

export async function recordFixture(
  name: string,
  history: temporal.api.history.v1.IHistory | Promise<temporal.api.history.v1.IHistory>,
): Promise<void> {
  const asked = process.env.RECORD_HISTORY;
  if (!asked) return;
  const file = path.join(FIXTURES, name);
  if (asked !== '1' && asked !== name) return;
  if (asked === '1' && fs.existsSync(file)) {
    console.log(`kept ${name}: it guards a released version (RECORD_HISTORY=${name} replaces it)`);
    return;
  }
  const bytes = temporal.api.history.v1.History.encode(await history).finish();
  fs.mkdirSync(FIXTURES, { recursive: true });
  fs.writeFileSync(file, Buffer.from(bytes).toString('base64'));
}
