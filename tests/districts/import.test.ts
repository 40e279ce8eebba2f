// The bulk import CLI on the shipped sample files, through the real gateway: a summary, a
// rejected-rows file with reasons, and nothing changed when the same file is imported again.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runImport } from "../../tools/import";
import { parseCsv } from "../../tools/import-rows";
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
  expect(demands).toMatchObject({ created: 12, rejected: 2 });
  const reasons = fs.readFileSync(demands.rejectedFile!, "utf8");
  expect(reasons).toContain("creditCode 91440300MA5F3K2L7B: the check character should be");
  expect(reasons.split("\n")[1]).toMatch(/^14,/);
  expect(reasons).toContain(
    "station ST-440305-014 is REVOKED; demands are collected only at FILED stations",
  );
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
    rejected: 2,
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
    "line,reason,externalId,name,hostType,address,categories,contactName,contactPhone,venue,equipment",
  );
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["2", "3", "4"]);
  expect(lines[1]).toContain("categories must name at least one service category");
  expect(lines[2]).toContain("hostType SPACESHIP is not one of");
  expect(lines[3]).toContain("contactPhone must be a mainland mobile");
});

it("rejects what GraphQL could not read row by row, with the file's line numbers", async () => {
  const file = path.join(dir, "tricky-activities.csv");
  const header =
    "externalId,stationExternalId,type,category,title,heldOn,feeCharged,enterprisesServed,participants";
  fs.writeFileSync(
    file,
    [
      header,
      "TR-1,,ONLINE_CLINIC,LEGAL,收费义诊,2026-01-05,50元,3,",
      "",
      'TR-2,,ONLINE_CLINIC,LEGAL,"多行\n标题",2026/01/05,0,3,',
      "TR-3,,ONLINE_CLINIC,LEGAL,缺少小时,2026-01-05,0,3,12",
      "TR-4,,ONLINE_CLINIC,LEGAL,正常的线上义诊,2026-01-05,0,3,",
      "tr-4,,ONLINE_CLINIC,LEGAL,重复的线上义诊,2026-01-05,0x10,3,",
      "tr-4,,ONLINE_CLINIC,LEGAL,重复的线上义诊,2026-01-05,0,3,",
    ].join("\n") + "\n",
  );
  const summary = await run("tricky-activities.csv");
  expect(summary).toMatchObject({ created: 1, rejected: 5 });
  const [, ...records] = parseCsv(fs.readFileSync(summary.rejectedFile!, "utf8"));
  expect(records.slice(3).map((r) => r.fields.slice(0, 2))).toEqual([
    ["8", "feeCharged 0x10 is not a number"],
    ["9", "externalId tr-4 appears twice in this batch (lines 7 and 9)"],
  ]);
  expect(records.slice(0, 3).map((r) => r.fields.slice(0, 3))).toEqual([
    ["2", "feeCharged 50元 is not a number", "TR-1"],
    ["4", "heldOn 2026/01/05 is not a date; write it as YYYY-MM-DD, e.g. 2025-03-31", "TR-2"],
    ["6", "participant 12: hours (missing) is not a number", "TR-3"],
  ]);
  expect(records[1].fields[6]).toBe("多行\n标题");
});

it("reports a refused batch on every row and removes a stale rejected file after a clean run", async () => {
  const refused = await runImport({
    file: path.join(dir, "nanshan-stations.csv"),
    district: "440305",
    token: await fed.token("DISTRICT_OPERATOR", { district: "440304" }),
    gatewayUrl: fed.gatewayUrl,
  });
  expect(refused).toMatchObject({ created: 0, rejected: 8 });
  expect(fs.readFileSync(refused.rejectedFile!, "utf8")).toContain(
    "the hub refused this batch: you operate district 440304",
  );
  const clean = await run("nanshan-stations.csv");
  expect(clean).toMatchObject({ rejected: 0, rejectedFile: null });
  expect(fs.existsSync(refused.rejectedFile!)).toBe(false);
});

it("reads JSON items leniently where GraphQL would be strict, and rejects the rest per item", async () => {
  const v = fed.demo.volunteers.find((x) => x.status === "APPOINTED")!;
  const base = {
    stationExternalId: "ST-440305-001",
    type: "SALON",
    category: "POLICY",
    title: "政策沙龙",
    heldOn: "2026-01-05",
    enterprisesServed: 3,
  };
  const items = [
    {
      ...base,
      externalId: 7001,
      participants: [{ volunteerId: v.id, hours: 2 }],
      note: "an extra field",
    },
    { ...base, externalId: "J-2", title: undefined, participants: [] },
    { ...base, externalId: "J-3", enterprisesServed: 2.5, participants: [] },
    { ...base, externalId: "J-4", participants: [{ volunteerId: String(v.id), hours: 1e-9 }] },
  ];
  fs.writeFileSync(path.join(dir, "lenient-activities.json"), JSON.stringify(items));
  const summary = await run("lenient-activities.json");
  expect(summary).toMatchObject({ created: 1, rejected: 3 });
  const rejected = JSON.parse(fs.readFileSync(summary.rejectedFile!, "utf8"));
  expect(rejected.map((r: any) => [r.item, r.reason])).toEqual([
    [2, "title is missing"],
    [3, "enterprisesServed 2.5 is not a whole number"],
    [4, "participants.0.hours: hours must be between 0.5 and 24"],
  ]);
});
