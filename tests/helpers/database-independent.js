// Test files that never open a database: the gateway tester's inline subgraphs, and npm start on
// its own embedded SQLite whatever DATABASE_URL says. They run the same on any database, so the
// MySQL/MariaDB pass (jest.config.js) leaves them out instead of running them twice;
// tests/unit/database-independent.test.ts checks that each one still touches no database.
const DATABASE_INDEPENDENT = [
  "tests/gateway/entity-batching.test.ts",
  "tests/gateway/gateway-tester.test.ts",
  "tests/gateway/inflight-dedup.test.ts",
  "tests/gateway/limits.test.ts",
  "tests/gateway/rate-limit.test.ts",
  "tests/gateway/response-cache.test.ts",
  "tests/gateway/subgraph-calls.test.ts",
  "tests/identity/dev-provider.test.ts",
];

module.exports = { DATABASE_INDEPENDENT };
