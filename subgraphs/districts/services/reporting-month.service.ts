// Closing a reporting month (docs/reports.md): its per-station figures are frozen as a revision; a
// close that finds the same figures as the latest revision returns it, one that finds figures
// moved stores the next revision with what moved and the audit events since the last close that
// moved them. (month, revision) is unique: of two processes closing at once, one stores it and
// the other returns the one stored.
import type { DataSource, EntityManager } from "typeorm";
import { type Audit, recordEvents } from "../../shared/audit";
import { insertRows, oneAtATimeOnSqlite } from "../../shared/db";
import { isUniqueViolation } from "../../shared/unique-violation";
import { ReportingMonth } from "../entities/reporting-month.entity";
import { ReportingMonthEvent } from "../entities/reporting-month-event.entity";
import { DistrictMonthlyReport } from "../entities/district-monthly-report.entity";
import { StationMonthlyReport } from "../entities/station-monthly-report.entity";
import { StationReportChange } from "../entities/station-report-change.entity";
import { ReportingAction } from "../vocabulary";
import {
  monthFigures,
  monthRange,
  type MonthFiguresSet,
  type MonthRange,
} from "./reporting-figures";
import { diffRevisions, keyOf, movedCauses, type ReportMoves } from "./reporting-diff";

/** The latest revision of a month, or null while it was never closed. */
export const latestRevision = (db: DataSource | EntityManager, month: string) =>
  db.getRepository(ReportingMonth).findOne({ where: { month }, order: { revision: "DESC" } });

/** Closes `month` (YYYY-MM, ended): the latest revision if nothing moved, else a new one. */
export function closeReportingMonth(
  db: DataSource,
  audit: Audit,
  month: string,
  now = new Date(),
): Promise<ReportingMonth> {
  return oneAtATimeOnSqlite(db, () => close(db, audit, month, now));
}

async function close(
  db: DataSource,
  audit: Audit,
  month: string,
  now = new Date(),
): Promise<ReportingMonth> {
  const range = monthRange(month, now);
  const figures = await monthFigures(db, range);
  const latest = await latestRevision(db, month);
  let moves: ReportMoves[] = [];
  if (latest) {
    const at = { month, revision: latest.revision };
    const [stations, districts] = await Promise.all([
      db.getRepository(StationMonthlyReport).findBy(at),
      db.getRepository(DistrictMonthlyReport).findBy(at),
    ]);
    moves = diffRevisions({ stations, districts }, figures);
    if (!moves.length) return latest;
  }
  try {
    return await db.transaction((tx) => store(tx, audit, range, figures, latest, moves, now));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another process stored this revision meanwhile: its figures are the ones of this moment.
    return (await latestRevision(db, month))!;
  }
}

async function store(
  tx: EntityManager,
  audit: Audit,
  range: MonthRange,
  figures: MonthFiguresSet,
  latest: ReportingMonth | null,
  moves: ReportMoves[],
  now: Date,
): Promise<ReportingMonth> {
  const { month } = range;
  const revision = (latest?.revision ?? 0) + 1;
  const closed = await tx.getRepository(ReportingMonth).save({
    month,
    revision,
    closedAt: now,
    closedBy: audit.actor,
    stationCount: figures.stations.length,
  });
  await insertRows(
    tx,
    StationMonthlyReport,
    figures.stations.map((f) => ({ ...f, month, revision })),
  );
  await insertRows(
    tx,
    DistrictMonthlyReport,
    figures.districts.map((f) => ({ ...f, month, revision })),
  );
  if (latest) {
    const causes = await movedCauses(tx, range, moves, latest.closedAt);
    await insertRows(
      tx,
      StationReportChange,
      moves.map((m) => ({
        month,
        revision,
        stationId: m.stationId,
        districtCode: m.districtCode,
        moved: m.moved,
        causes: causes.get(keyOf(m)) ?? [],
      })),
    );
  }
  await recordEvents(
    tx,
    ReportingMonthEvent,
    audit,
    [
      {
        month,
        revision,
        action: latest ? ReportingAction.REVISE : ReportingAction.CLOSE,
        comment: latest
          ? `revision ${revision}: the figures of ${moves.length} station(s) or district total(s) moved since revision ${latest.revision}`
          : `closed with ${figures.stations.length} station(s)`,
      },
    ],
    now,
  );
  return closed;
}
