// Lets a child process run the TypeScript sources as the tests do (SWC, decorator metadata kept):
// node -r ./tests/helpers/swc-register.js tools/run-subgraph.ts districts
const fs = require("node:fs");
const { transformSync } = require("@swc/core");

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, "utf8"), {
    filename,
    sourceMaps: "inline",
    jsc: {
      target: "es2022",
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: "commonjs" },
  });
  module._compile(code, filename);
};
