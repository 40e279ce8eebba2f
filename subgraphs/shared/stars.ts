// A volunteer's star level (星级): 0 to 5 by verified hours, at thresholds from configuration
// (VOLUNTEER_STAR_HOURS, default 100, 300, 600, 1000 and 1500 hours). Pure.

export interface StarStanding {
  starLevel: number;
  /** Hours still needed for the next star; null at the top level. */
  hoursToNextStar: number | null;
}

export function starStanding(hours: number, thresholds: readonly number[]): StarStanding {
  const starLevel = thresholds.filter((t) => hours >= t).length;
  const next = thresholds[starLevel];
  return {
    starLevel,
    hoursToNextStar: next === undefined ? null : Math.round((next - hours) * 100) / 100,
  };
}
