// The ranking of suggestedExperts without a server: points and Chinese reasons per factor, who is
// left out, and the order on a constructed case.
import { SuggestionFactor } from "../../subgraphs/districts/vocabulary";
import {
  rankExperts,
  reasonsFor,
  type Candidate,
  type CandidateRecord,
} from "../../subgraphs/districts/services/matching";
import { ServiceCategory, ServiceForm } from "../../subgraphs/shared/vocabulary";

const demand = { category: ServiceCategory.FINANCING, districtCode: "440305" };
const candidate = (id: string, extra: Partial<Candidate> = {}): Candidate => ({
  id,
  categories: ["FINANCING"],
  expertType: "FINANCE",
  listedInDirectory: true,
  serviceForms: ["ONLINE", "OFFLINE"],
  branch: { district: { code: "440305" } },
  ...extra,
});
const record = (openBookings = 0, rated = 0, meanSatisfaction: number | null = null) => ({
  openBookings,
  rated,
  meanSatisfaction,
});

describe("reasonsFor", () => {
  it("gives every factor its points and its reason in Chinese", () => {
    expect(reasonsFor(demand, candidate("1"), record(2, 3, 4.5), null)).toEqual([
      { factor: SuggestionFactor.CATEGORY, points: 40, text: "融资类别匹配" },
      { factor: SuggestionFactor.DISTRICT, points: 20, text: "同区：南山区支队" },
      { factor: SuggestionFactor.FORM, points: 10, text: "线上线下均可" },
      { factor: SuggestionFactor.LOAD, points: -10, text: "进行中的预约 2 个" },
      { factor: SuggestionFactor.SATISFACTION, points: 7.5, text: "以往满意度 4.5（3 次评价）" },
    ]);
  });

  it("scores a related expert type below the category, and leaves out one with no fit", () => {
    const related = candidate("2", { categories: ["LEGAL"], branch: null });
    expect(reasonsFor(demand, related, record(), null)![0]).toEqual({
      factor: SuggestionFactor.CATEGORY,
      points: 15,
      text: "金融专家，与融资相关",
    });
    expect(
      reasonsFor(
        demand,
        candidate("3", { categories: ["LEGAL"], expertType: "LEGAL" }),
        record(),
        null,
      ),
    ).toBeNull();
  });

  it("leaves out an expert who cannot serve the form asked for", () => {
    const online = candidate("4", { serviceForms: ["ONLINE"] });
    expect(reasonsFor(demand, online, record(), ServiceForm.OFFLINE)).toBeNull();
    expect(reasonsFor(demand, online, record(), ServiceForm.ONLINE)![2]).toEqual({
      factor: SuggestionFactor.FORM,
      points: 10,
      text: "可线上服务",
    });
    expect(reasonsFor(demand, online, record(), null)![2]).toMatchObject({
      points: 5,
      text: "仅线上服务",
    });
  });

  it("caps the load penalty at five open bookings", () => {
    const load = (n: number) => reasonsFor(demand, candidate("5"), record(n), null)![3].points;
    expect([load(0), load(1), load(5), load(9)]).toEqual([0, -5, -25, -25]);
  });
});

describe("rankExperts", () => {
  it("orders by score, then fewer open bookings, then id, and keeps the first ones", () => {
    const candidates = [
      candidate("10", { branch: { district: { code: "440306" } } }), // 40 + 10 = 50
      candidate("11"), // 40 + 20 + 10 = 70, two open bookings: 60
      candidate("12"), // 70, rated 5 once: 80
      candidate("13", { categories: ["LEGAL"] }), // 15 + 20 + 10 = 45
      candidate("14", { categories: ["LEGAL"], expertType: "LEGAL" }), // no fit
      candidate("15"), // 70
      candidate("16"), // 70 with one open booking: 65
      candidate("9", { branch: { district: { code: "440306" } } }), // 50, lower id than 10
    ];
    const records = new Map<string, CandidateRecord>([
      ["11", record(2)],
      ["12", record(0, 1, 5)],
      ["16", record(1)],
    ]);
    const ranked = rankExperts(demand, candidates, records, null, 10);
    expect(ranked.map((s) => [s.volunteerId, s.score])).toEqual([
      ["12", 80],
      ["15", 70],
      ["16", 65],
      ["11", 60],
      ["9", 50],
      ["10", 50],
      ["13", 45],
    ]);
    expect(rankExperts(demand, candidates, records, null, 2).map((s) => s.volunteerId)).toEqual([
      "12",
      "15",
    ]);
  });
});
