// The per-request DataLoaders of the dashboard's per-district figures: one loader per figure
// family and date range, so that every district asked for in a request costs one GROUP BY.
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { keyed } from "../shared/loader-helpers";
import {
  activityFigures,
  deadlineFigures,
  demandCounts,
  idleStationCounts,
  openDemandCounts,
  serviceHours,
  type ActivityFigures,
  type DeadlineFigures,
} from "./services/district-figures.service";

export interface Range {
  from: string;
  to: string;
}

export function createFigureLoaders(db: DataSource) {
  return {
    idleStationCount: keyed(
      (asOf: string) =>
        new DataLoader<string, number>((codes) => idleStationCounts(db, codes, asOf)),
    ),
    deadlineFigures: keyed(
      (day: string) =>
        new DataLoader<string, DeadlineFigures>((codes) => deadlineFigures(db, codes, day)),
    ),
    openDemandCount: new DataLoader<string, number>((codes) => openDemandCounts(db, codes)),
    demandCount: keyed(
      (r: Range) =>
        new DataLoader<string, number>((codes) => demandCounts(db, codes, r.from, r.to)),
    ),
    activityFigures: keyed(
      (r: Range) =>
        new DataLoader<string, ActivityFigures>((codes) =>
          activityFigures(db, codes, r.from, r.to),
        ),
    ),
    serviceHours: keyed(
      (r: Range) =>
        new DataLoader<string, number>((codes) => serviceHours(db, codes, r.from, r.to)),
    ),
  };
}
