/**
 * `npm run test:cluster`: the cluster profile's tests (test/cluster), each starting `npm run start:cluster`
 * on free ports; they need the tools `infra/tools.sh --cluster` builds.
 * @type {import('jest').Config}
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/cluster'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 300_000,
};
