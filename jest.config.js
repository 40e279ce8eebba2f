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
      },
    ],
  },
  // jose 6 ships ES modules only; SWC turns them into CommonJS for Jest.
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  testTimeout: 120000,
  maxWorkers: 2,
};
