// jest's globalTeardown: removes the run's folder (tests/helpers/run-folder-setup.js).
const fs = require("node:fs");

module.exports = async function removeRunFolder() {
  const folder = process.env.HUB_TEST_RUN_FOLDER;
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
};
