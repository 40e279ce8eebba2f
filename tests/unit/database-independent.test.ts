// The files the MySQL/MariaDB pass leaves out (tests/helpers/database-independent.js) must touch no
// database: none boots the federation or opens a subgraph's database, and the one that starts the
// hub itself pins it to its embedded SQLite. A file that starts using a database fails here, so it
// cannot silently lose its MariaDB run.
import fs from "node:fs";
import path from "node:path";
import { DATABASE_INDEPENDENT } from "../helpers/database-independent";

const ROOT = path.join(__dirname, "..", "..");
const DATABASE_USE = [
  /from "\.\.\/helpers\/(federation|oidc-federation)[^"]*"/,
  /\/fixtures"/,
  /openDataSource|bootFederation|startFederation|\.db\.query\(/,
  /from "\.\.\/\.\.\/subgraphs\//,
];

describe("the test files left out of the MySQL/MariaDB pass", () => {
  it.each(DATABASE_INDEPENDENT.map((file) => [file]))("%s touches no database", (file) => {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    const code = source.replace(/^\s*\/\/.*$/gm, "");
    expect(DATABASE_USE.filter((pattern) => pattern.test(code)).map(String)).toEqual([]);
    // Each is either on the gateway tester (inline subgraphs, no database) or starts the hub itself
    // pinned to its embedded SQLite.
    const onTester = /from "\.\.\/helpers\/gateway-tester"/.test(code);
    const ownHub = /spawn\("npm", \["start"/.test(code) && /DATABASE_URL: ""/.test(code);
    expect(
      onTester || ownHub ? file : `${file}: neither on the gateway tester nor its own SQLite`,
    ).toBe(file);
  });

  it("names only files that exist", () => {
    for (const file of DATABASE_INDEPENDENT)
      expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
  });
});
