// Lets a child process run the TypeScript sources as the tests do (SWC, decorator metadata kept):
// node -r ./tests/helpers/swc-register.js tools/run-subgraph.ts districts
// What SWC makes of a file is kept in node_modules/.cache/hub-swc-register, keyed by the file's
// path and text and SWC's version: the test suite starts about 40 such processes, and each spent
// 0.3 s of its 1.3 s start compiling the same 300 files again.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { transformSync, version } = require("@swc/core");

const OPTIONS = {
  sourceMaps: "inline",
  jsc: {
    target: "es2022",
    parser: { syntax: "typescript", decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  module: { type: "commonjs" },
};
const CACHE = path.join(__dirname, "..", "..", "node_modules", ".cache", "hub-swc-register");
const SALT = `${version}\0${JSON.stringify(OPTIONS)}`;

function compile(source, filename) {
  const key = crypto.createHash("sha256").update(SALT).update(filename).update("\0");
  const file = path.join(CACHE, `${key.update(source).digest("hex")}.js`);
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    const { code } = transformSync(source, { ...OPTIONS, filename });
    try {
      // Written under a name of this process, then renamed: a reader never sees half a file.
      fs.mkdirSync(CACHE, { recursive: true });
      fs.writeFileSync(`${file}.${process.pid}`, code);
      fs.renameSync(`${file}.${process.pid}`, file);
    } catch {
      // A cache that cannot be written (a read-only tree) only costs the compile next time.
    }
    return code;
  }
}

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  module._compile(compile(fs.readFileSync(filename, "utf8"), filename), filename);
};
