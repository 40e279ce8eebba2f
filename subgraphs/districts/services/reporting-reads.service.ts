// Reading closed months (docs/reports.md): the latest revision unless one is asked for, the
// caller's district only for a DISTRICT_OPERATOR (shared/figure-scope.ts).
import type { DataSource } from "typeorm";
import { notFound } from "../../../runtime/errors";
import { checkReportMonth, checkRevision } from "../../../runtime/report-period";
import { decodeCursor, pageSize, toPage } from "../../shared/pagination";
import { DistrictMonthlyReport } from "../entities/district-monthly-report.entity";
import { ReportingMonth } from "../entities/reporting-month.entity";
import { StationMonthlyReport } from "../entities/station-monthly-report.entity";
import { StationReportChange } from "../entities/station-report-change.entity";
import { latestRevision } from "./reporting-month.service";

/** The revision asked for, or the latest; NOT_FOUND for a month never closed. */
export async function findRevision(db: DataSource, month: string, revision?: number | null) {
  checkReportMonth(month);
  checkRevision(revision);
  const found = revision
    ? await db.getRepository(ReportingMonth).findOneBy({ month, revision })
    : await latestRevision(db, month);
  if (found) return found;
  const latest = revision ? await latestRevision(db, month) : null;
  throw notFound(
    latest
      ? `month ${month} has revisions 1 to ${latest.revision}; there is no revision ${revision}`
      : `month ${month} has not been closed yet; a CITY_ADMIN closes it with closeReportingMonth`,
  );
}

export async function stationReportsPage(
  db: DataSource,
  closed: ReportingMonth,
  districtCode: string | null,
  first?: number | null,
  after?: string | null,
) {
  const size = pageSize(first);
  const afterId = decodeCursor(after);
  const base = () => {
    const q = db
      .getRepository(StationMonthlyReport)
      .createQueryBuilder("r")
      .where("r.month = :month AND r.revision = :revision", closed);
    if (districtCode) q.andWhere("r.districtCode = :districtCode", { districtCode });
    return q;
  };
  const page = base()
    .orderBy("r.id", "ASC")
    .take(size + 1);
  if (afterId !== null) page.andWhere("r.id > :afterId", { afterId });
  const [rows, total] = await Promise.all([page.getMany(), base().getCount()]);
  return toPage(rows, size, total);
}

/** The stations that moved in a revision (none for revision 1), in the caller's scope. */
export function revisionChanges(
  db: DataSource,
  closed: ReportingMonth,
  districtCode: string | null,
) {
  return db.getRepository(StationReportChange).find({
    where: {
      month: closed.month,
      revision: closed.revision,
      ...(districtCode ? { districtCode } : {}),
    },
    order: { id: "ASC" },
  });
}

/** Each district's totals in a revision, in the caller's scope. */
export function districtTotals(
  db: DataSource,
  closed: ReportingMonth,
  districtCode: string | null,
) {
  return db.getRepository(DistrictMonthlyReport).find({
    where: {
      month: closed.month,
      revision: closed.revision,
      ...(districtCode ? { districtCode } : {}),
    },
    order: { districtCode: "ASC" },
  });
}
