// Star levels from verified hours, at the configured thresholds; the self-service settings.
import { loadConfig } from "../../runtime/config";
import { starStanding } from "../../subgraphs/shared/stars";

const DEFAULT = [100, 300, 600, 1000, 1500];

describe("starStanding", () => {
  it.each([
    [0, 0, 100],
    [99.5, 0, 0.5],
    [100, 1, 200],
    [299.99, 1, 0.01],
    [600, 3, 400],
    [1000, 4, 500],
    [1499, 4, 1],
    [1500, 5, null],
    [4000, 5, null],
  ])("%p hours: %p stars, %p to the next", (hours, starLevel, hoursToNextStar) => {
    expect(starStanding(hours, DEFAULT)).toEqual({ starLevel, hoursToNextStar });
  });
});

describe("self-service configuration", () => {
  it("defaults, and takes other thresholds and a longer retention", () => {
    expect(loadConfig({}).selfService).toEqual({
      starHours: DEFAULT,
      accessLogRetentionDays: 180,
      accessLogPurgeMinutes: 60,
      openCorrectionsPerVolunteer: 20,
    });
    const set = loadConfig({
      VOLUNTEER_STAR_HOURS: "50, 150,300,500,800",
      ACCESS_LOG_RETENTION_DAYS: "365",
    }).selfService;
    expect(set.starHours).toEqual([50, 150, 300, 500, 800]);
    expect(set.accessLogRetentionDays).toBe(365);
  });

  it("refuses thresholds that are not five ascending hours, and a retention under 180 days", () => {
    for (const env of [
      { VOLUNTEER_STAR_HOURS: "100,300,600,1000" },
      { VOLUNTEER_STAR_HOURS: "100,300,300,1000,1500" },
      { VOLUNTEER_STAR_HOURS: "0,300,600,1000,1500" },
      { VOLUNTEER_STAR_HOURS: "a,b,c,d,e" },
      { ACCESS_LOG_RETENTION_DAYS: "179" },
    ])
      expect(() => loadConfig(env)).toThrow(Object.keys(env)[0]);
  });
});
