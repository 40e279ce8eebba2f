// The plan of a demand batch: refused at its station or for moving backwards (OPEN → MATCHED →
// IN_SERVICE → RESOLVED, or CLOSED), else created, updated or unchanged. Pure, no database.
import { Demand } from "../../subgraphs/districts/entities/demand.entity";
import type { DemandInput } from "../../subgraphs/districts/inputs/demand.input";
import type { StationRef } from "../../subgraphs/districts/services/batch";
import { planDemands } from "../../subgraphs/districts/services/publish-demands.service";
import { DemandStatus, StationStatus } from "../../subgraphs/districts/vocabulary";
import { ServiceCategory } from "../../subgraphs/shared/vocabulary";

const input = (externalId: string, extra: Partial<DemandInput> = {}) => ({
  externalId,
  stationExternalId: "ST-1",
  enterpriseName: "深圳市盐田海港物流有限公司",
  creditCode: "91440300ma5f3k0013",
  category: ServiceCategory.FINANCING,
  description: "需要对接银行贷款",
  collectedOn: "2025-03-01",
  ...extra,
});

const stations = new Map<string, StationRef>([
  ["st-1", { id: 1, externalId: "ST-1", status: StationStatus.FILED }],
  ["st-2", { id: 2, externalId: "ST-2", status: StationStatus.REVOKED }],
]);
const resolved = Object.assign(new Demand(), {
  id: 7,
  districtCode: "440308",
  externalId: "DM-7",
  stationId: 2,
  enterpriseName: "深圳市盐田海港物流有限公司",
  creditCode: "91440300MA5F3K0013",
  category: ServiceCategory.FINANCING,
  focusGroup: null,
  specialised: false,
  description: "需要对接银行贷款",
  status: DemandStatus.RESOLVED,
  collectedOn: "2025-03-01",
  satisfaction: 5,
});

const plan = (...inputs: DemandInput[]) =>
  planDemands(
    "440308",
    inputs.map((input, index) => ({ index, input })),
    { stored: new Map([["dm-7", resolved]]), stations },
  );

describe("planDemands", () => {
  it("creates a new demand with its values normalised", () => {
    const p = plan(input("DM-1"));
    expect(p.created).toHaveLength(1);
    expect(p.created[0].values).toMatchObject({
      stationId: 1,
      creditCode: "91440300MA5F3K0013",
      status: DemandStatus.OPEN,
      focusGroup: null,
      specialised: false,
      satisfaction: null,
    });
  });

  it("leaves a stored demand at its own (now revoked) station unchanged", () => {
    const p = plan(
      input("dm-7", { stationExternalId: "ST-2", status: DemandStatus.RESOLVED, satisfaction: 5 }),
    );
    expect(p.unchanged.map((r) => r.input.externalId)).toEqual(["dm-7"]);
    expect(p.updated).toEqual([]);
  });

  it("refuses moving backwards, and the station first when both are wrong", () => {
    const p = plan(
      input("DM-7", { stationExternalId: "ST-2", status: DemandStatus.OPEN }),
      input("DM-7", { stationExternalId: "ST-9", status: DemandStatus.OPEN }),
      input("DM-8", { stationExternalId: "ST-2" }),
    );
    expect(p.rejected.map((r) => r.message)).toEqual([
      "the demand is RESOLVED; it cannot go back to OPEN",
      "stationExternalId ST-9: no such station in district 440308; publish the station first",
      "station ST-2 is REVOKED; demands are collected only at FILED stations",
    ]);
  });

  it("updates a stored demand moved to a FILED station", () => {
    const p = plan(input("DM-7", { status: DemandStatus.RESOLVED, satisfaction: 5 }));
    expect(p.updated).toMatchObject([{ id: 7, values: { stationId: 1, status: "RESOLVED" } }]);
  });
});
