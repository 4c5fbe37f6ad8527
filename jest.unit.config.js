/**
 * `npm run test:unit`: the pure tests (rules, state transitions, SLA arithmetic, pricing) with no
 * Temporal server and no database, in seconds.
 * @type {import('jest').Config}
 */
const base = require('./jest.config');

module.exports = { ...base, roots: ['<rootDir>/test/unit'], globalSetup: undefined, globalTeardown: undefined };
