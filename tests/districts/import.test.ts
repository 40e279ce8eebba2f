// The bulk import CLI on the shipped sample files, through the real gateway: a summary, a
// rejected-rows file with reasons, and nothing changed when the same file is imported again.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runImport } from "../../tools/import";
import { bootFederation, type Federation } from "../helpers/federation";

let fed: Federation;
let dir: string;
beforeAll(async () => {
  fed = await bootFederation();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-import-"));
  for (const f of fs.readdirSync(path.resolve(__dirname, "../../examples"))) {
    if (!f.includes(".rejected."))
      fs.copyFileSync(path.resolve(__dirname, "../../examples", f), path.join(dir, f));
  }
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await fed?.stop();
});

const run = async (file: string, district = "440305") =>
  runImport({
    file: path.join(dir, file),
    district,
    token: await fed.token("DISTRICT_OPERATOR", { district }),
    gatewayUrl: fed.gatewayUrl,
  });

it("imports stations, demands and activities, then changes nothing on a second run", async () => {
  expect(await run("nanshan-stations.csv")).toEqual({
    created: 8,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectedFile: null,
  });
  const demands = await run("nanshan-demands.csv");
  expect(demands).toMatchObject({ created: 12, rejected: 1 });
  const reasons = fs.readFileSync(demands.rejectedFile!, "utf8");
  expect(reasons).toContain("creditCode 91440300MA5F3K2L7B: the check character should be");
  expect(reasons.split("\n")[1]).toMatch(/^14,/);
  const activities = await run("nanshan-activities.json");
  expect(activities).toMatchObject({ created: 7, rejected: 2 });
  const rejected = JSON.parse(fs.readFileSync(activities.rejectedFile!, "utf8"));
  expect(rejected.map((r: any) => r.externalId)).toEqual(["NS-AC-9001", "NS-AC-9002"]);
  expect(rejected[0].reason).toMatch(/volunteer service is free/);
  expect(rejected[1].reason).toMatch(/not APPOINTED/);

  expect(await run("nanshan-stations.csv")).toMatchObject({ created: 0, updated: 0, unchanged: 8 });
  expect(await run("nanshan-demands.csv")).toMatchObject({
    created: 0,
    updated: 0,
    unchanged: 12,
    rejected: 1,
  });
  expect(await run("nanshan-activities.json")).toMatchObject({
    created: 0,
    updated: 0,
    unchanged: 7,
    rejected: 2,
  });
});

it("reports each bad row of the file with errors and keeps the good ones", async () => {
  const summary = await run("nanshan-stations-with-errors.csv", "440306");
  expect(summary).toMatchObject({ created: 1, rejected: 3 });
  const lines = fs.readFileSync(summary.rejectedFile!, "utf8").trim().split("\n");
  expect(lines[0]).toBe(
    "row,reason,externalId,name,hostType,address,categories,contactName,contactPhone,venue,equipment",
  );
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["2", "3", "4"]);
  expect(lines[1]).toContain("categories must name at least one service category");
  expect(lines[2]).toContain("hostType SPACESHIP is not one of");
  expect(lines[3]).toContain("contactPhone must be a mainland mobile");
});
