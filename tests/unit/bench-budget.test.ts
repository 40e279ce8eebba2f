// The benchmark's gateway budget: what 1.5 × stock's throughput leaves a gateway, when the gateway
// and the subgraphs share the cores (bench/report.ts).
import { gatewayBudget } from "../../bench/report";

describe("gatewayBudget", () => {
  it("leaves the gateway stock's total over 1.5, less the subgraphs' share", () => {
    // CaseStories of the 2026-12-02 reference run: stock's gateway 24.65, subgraphs 39.71 ms.
    const budget = gatewayBudget({ gatewayCpu: 24.65, subgraphCpu: 39.71 })!;
    expect(budget.stockTotal).toBeCloseTo(64.36, 2);
    expect(budget.forTarget).toBeCloseTo(3.197, 2);
    expect(budget.ceiling).toBeCloseTo(1.621, 2);
  });

  it("goes negative where even a free gateway falls short, and has no answer without figures", () => {
    expect(gatewayBudget({ gatewayCpu: 10, subgraphCpu: 40 })!.forTarget).toBeLessThan(0);
    expect(gatewayBudget({ gatewayCpu: 10, subgraphCpu: 0 })).toBeUndefined();
  });
});
