// The reports' settings (runtime/config/reports.ts): defaults, weights named in ASSESSMENT_WEIGHTS
// replacing the defaults, and a bad weight or working day reported. No server.
import { ConfigError, loadConfigWith } from "../../runtime/config";
import { DEFAULT_ASSESSMENT_WEIGHTS } from "../../runtime/config/reports";

describe("reports configuration", () => {
  it("closes on the 3rd working day, hourly checks, the default weights", () => {
    const { reports } = loadConfigWith({});
    expect(reports).toEqual({
      autoClose: true,
      closeWorkingDay: 3,
      closeCheckMinutes: 60,
      assessmentWeights: DEFAULT_ASSESSMENT_WEIGHTS,
    });
  });

  it("takes the weights named and keeps the others", () => {
    const { reports } = loadConfigWith({
      ASSESSMENT_WEIGHTS: "activities:3, monthsIdle:-20",
      REPORTS_AUTO_CLOSE: "0",
    });
    expect(reports.autoClose).toBe(false);
    expect(reports.assessmentWeights).toEqual({
      ...DEFAULT_ASSESSMENT_WEIGHTS,
      activities: 3,
      monthsIdle: -20,
    });
  });

  it("refuses an unknown figure, a weight that is not a number, a working day out of range", () => {
    expect(() => loadConfigWith({ ASSESSMENT_WEIGHTS: "visits:2" })).toThrow(ConfigError);
    expect(() => loadConfigWith({ ASSESSMENT_WEIGHTS: "activities:lots" })).toThrow(
      /ASSESSMENT_WEIGHTS: "activities:lots" must be figure:number/,
    );
    expect(() => loadConfigWith({ REPORTS_CLOSE_WORKING_DAY: "0" })).toThrow(ConfigError);
  });
});
