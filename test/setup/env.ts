/** Helpers for tests: a fresh database per test file on the shared FerretDB, demo data, config. */
import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from '../../shared/runtime/config';
import { connectModels } from '../../shared/storage/models';
import { seed } from '../../infra/seed';

export async function freshDatabase(now = new Date()) {
  const uri = `${process.env.TEST_MONGO_BASE}/t_${randomUUID().slice(0, 8)}`;
  const db = await connectModels(uri);
  await seed(db.models, now);
  return { uri, ...db };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig(), temporalAddress: process.env.TEST_TEMPORAL_ADDRESS!, notifyChannel: 'log', ...overrides };
}

export const intakeBody = (over: Record<string, unknown> = {}) => ({
  channel: 'hotline',
  kind: 'fault_repair',
  urgency: 'important',
  customerId: 'CUST-001',
  contactName: 'Li Wei',
  contactPhone: '+86 21 5555 0101',
  siteAddress: '88 Century Ave, Shanghai',
  region: 'east',
  serialNumber: 'SWH-2025-0001',
  fault: { symptoms: 'no hot water since yesterday' },
  selfChecks: { powerChecked: true, valvesChecked: true },
  visitNeeded: true,
  ...over,
});

/**
 * A time-skipping environment on the installed Java test server, with our custom search
 * attributes registered (the test server rejects upserts of unknown ones).
 */
export async function timeSkippingEnv() {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const { temporal } = await import('@temporalio/proto');
  const { SA } = await import('../../shared/serviceRequest/searchAttributes');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: process.env.TEST_TEMPORAL_TEST_SERVER! } },
  });
  const types = temporal.api.enums.v1.IndexedValueType as unknown as Record<string, number>;
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(Object.values(SA).map((k) => [k.name, types[`INDEXED_VALUE_TYPE_${k.type}`]])),
  });
  return env;
}
