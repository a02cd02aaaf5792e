/** Environment shared by the test platform's processes and the tests themselves. */
export const TEST_ENV = {
  DATABASE_PREFIX: 'hytest',
  TEST_SEED_SCALE: '1000',
  PLATFORM_HMAC_KEY: 'test-only-pseudonym-key',
};
