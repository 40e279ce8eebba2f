// jest's globalSetup: a folder of this test run's own (seeded demo databases that test files copy,
// tests/helpers/seeded-sqlite.ts), named in HUB_TEST_RUN_FOLDER, which the workers inherit.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

module.exports = async function makeRunFolder() {
  process.env.HUB_TEST_RUN_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), "hub-test-run-"));
};
