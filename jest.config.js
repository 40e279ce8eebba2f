// Tests run TypeScript through SWC, keeping decorator metadata (type-graphql and TypeORM need it).
const { DATABASE_INDEPENDENT } = require("./tests/helpers/database-independent");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  setupFiles: ["reflect-metadata"],
  // A folder of the run's own, for the demo databases seeded once and copied by each federation.
  globalSetup: "<rootDir>/tests/helpers/run-folder-setup.js",
  globalTeardown: "<rootDir>/tests/helpers/run-folder-teardown.js",
  transform: {
    "^.+\\.graphql$": "<rootDir>/tests/helpers/text-transform.js",
    "^.+\\.(ts|js)$": [
      "@swc/jest",
      {
        jsc: {
          target: "es2022",
          parser: { syntax: "typescript", decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
        },
        module: { type: "commonjs" },
        // feed 6 names a source map it does not ship.
        inputSourceMap: false,
      },
    ],
  },
  // jose 6 and feed 6 ship ES modules only; SWC turns them into CommonJS for Jest.
  transformIgnorePatterns: ["/node_modules/(?!(jose|feed)/)"],
  testTimeout: 120000,
  maxWorkers: 2,
  // Files that never open a database (the gateway tester's inline subgraphs; npm start on its own
  // embedded SQLite) run the same on any DATABASE_URL: the MySQL/MariaDB pass leaves them out
  // rather than run them twice (tests/unit/database-independent.test.ts keeps the list true).
  testPathIgnorePatterns: /^mysql:/.test(process.env.DATABASE_URL ?? "")
    ? ["/node_modules/", ...DATABASE_INDEPENDENT.map((file) => `/${file.replace(/\./g, "\\.")}$`)]
    : ["/node_modules/"],
};
