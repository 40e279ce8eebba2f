// Tests run TypeScript through SWC, keeping decorator metadata (type-graphql and TypeORM need it).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  setupFiles: ["reflect-metadata"],
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
};
