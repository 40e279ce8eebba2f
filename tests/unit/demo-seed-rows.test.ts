// The demo's seed rows (demo/seed-rows.ts) reach subgraph processes as JSON (npm start writes them
// to files, tools/demo-rows.ts): they must come back from JSON exactly as they were made, so an
// instant has to be an ISO string, never a Date (a Date would come back a string the seed does not
// expect). And the rows of one anchor are always the same.
import { generateDemo } from "../../demo/generate";
import { demoSeedRows } from "../../demo/seed-rows";
import { SUBGRAPHS } from "../../runtime/config";

const rows = demoSeedRows(generateDemo("2026-03-15"));

describe("the demo's seed rows", () => {
  it.each(SUBGRAPHS)("%s's rows survive JSON unchanged", (name) => {
    expect(JSON.parse(JSON.stringify(rows[name]))).toEqual(rows[name]);
  });

  it("are the same for the same anchor", () => {
    expect(demoSeedRows(generateDemo("2026-03-15"))).toEqual(rows);
  });
});
