// The scheduled close (docs/reports.md): from the REPORTS_CLOSE_WORKING_DAY-th working day after a
// month ends (Shenzhen time, runtime/working-days.ts), a month never closed is closed by the
// system. Every process of the subgraph runs the check; closing is idempotent and (month,
// revision) unique, so two processes at once store one revision.
import type { DataSource } from "typeorm";
import type { HubConfig } from "../../../runtime/config";
import { previousMonth, today } from "../../../runtime/dates";
import type { Logger } from "../../../runtime/log";
import { nthWorkingDayAfterMonth } from "../../../runtime/working-days";
import type { Audit } from "../../shared/audit";
import type { ReportingMonth } from "../entities/reporting-month.entity";
import { closeReportingMonth, latestRevision } from "../services/reporting-month.service";

export const SYSTEM_CLOSE: Audit = {
  actor: "system:monthly-close",
  actorRole: null,
  requestId: null,
  traceId: null,
};

/** Closes last month if its close day has come and it was never closed; else null. */
export async function runScheduledClose(
  db: DataSource,
  workingDay: number,
  now = new Date(),
): Promise<ReportingMonth | null> {
  const month = previousMonth(today(now));
  if (today(now) < nthWorkingDayAfterMonth(month, workingDay)) return null;
  if (await latestRevision(db, month)) return null;
  return closeReportingMonth(db, SYSTEM_CLOSE, month, now);
}

/** Checks every REPORTS_CLOSE_CHECK_MINUTES (the first check one period after start). */
export function monthlyCloseJob(deps: { db: DataSource; config: HubConfig; log: Logger }) {
  const { db, config, log } = deps;
  if (!config.reports.autoClose) return () => {};
  const timer = setInterval(() => {
    runScheduledClose(db, config.reports.closeWorkingDay).then(
      (closed) =>
        closed &&
        log.info({ month: closed.month, revision: closed.revision }, "reporting month closed"),
      (error: unknown) => log.error({ err: error }, "the scheduled close of last month failed"),
    );
  }, config.reports.closeCheckMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
