// ESLint (flat config): typescript-eslint's recommended rules with type information, over every
// TypeScript source (server, tools, bench, tests, and the pages, each with its own
// tsconfig, which adds the DOM: dashboard, IDE, me). Run by `npm run lint`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "data/",
      "coverage/",
      "test-output/",
      "examples/",
      "schema/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked with the first project that includes it: the server's, or the
        // pages' (DOM types; browser/ is part of every page).
        project: [
          "./tsconfig.json",
          "./dashboard/tsconfig.json",
          "./ide/tsconfig.json",
          "./me/tsconfig.json",
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      // Off: every async function without an await here implements a Promise-returning interface
      // (Apollo Server plugin hooks, the in-memory twins of the Redis stores, the fetch Response
      // that subgraph-fetcher hands back, Fastify handlers, OpenTelemetry's exporter), where
      // `async` is what turns a throw into the rejected promise the caller expects.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Tests read the JSON answers of real servers and hand them to expect(), which checks them at
    // run time; typing each answer would add casts, not safety. So tests may use `any` and what
    // flows from it. Promises stay checked: a floating promise in a test is an assertion that
    // never runs.
    files: ["tests/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      // tools/build.js is plain JavaScript that runs before anything is compiled; its test types
      // what it requires by hand.
      "@typescript-eslint/no-require-imports": ["error", { allow: ["/tools/build\\.js$"] }],
    },
  },
  {
    // Plain JavaScript (build script, Jest transforms, the Hive Gateway bench target, the
    // development OIDC provider): no type information, Node's globals.
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        URLSearchParams: "readonly",
        Headers: "readonly",
        setTimeout: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
