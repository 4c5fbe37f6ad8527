/**
 * Determinism guard: a recorded history of the full warranty path must replay on today's workflow
 * code. A change that breaks it needs `patched()` versioning, because running requests would break too.
 */
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { workflowBundle } from '../../infra/worker';

it('R-RECORD-1 a recorded warranty-repair history replays deterministically', async () => {
  const file = path.join(__dirname, '..', 'fixtures', 'serviceRequest-warranty-v1.history.b64');
  const history = temporal.api.history.v1.History.decode(Buffer.from(fs.readFileSync(file, 'utf8'), 'base64'));
  expect(history.events!.length).toBeGreaterThan(50);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, 'service-request:replay');
}, 60_000);
