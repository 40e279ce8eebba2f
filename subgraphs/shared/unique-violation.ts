// Tells a unique-index violation apart from other database failures, on MySQL/MariaDB (ER_DUP_ENTRY)
// and SQLite (SQLITE_CONSTRAINT_UNIQUE), so services can answer CONFLICT instead of an internal error;
// and an InnoDB deadlock's victim (ER_LOCK_DEADLOCK), whose whole transaction was rolled back.
import { QueryFailedError } from "typeorm";

export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = (error as QueryFailedError & { driverError?: { code?: string; errno?: number } })
    .driverError;
  const code = driver?.code ?? "";
  return (
    code === "ER_DUP_ENTRY" ||
    driver?.errno === 1062 ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

/** InnoDB stopped this transaction, one of two waiting on each other, and rolled it back. */
export function isDeadlock(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = (error as QueryFailedError & { driverError?: { code?: string; errno?: number } })
    .driverError;
  return driver?.code === "ER_LOCK_DEADLOCK" || driver?.errno === 1213;
}

/** Runs `attempt` again (up to `times` in all) when it fails on a unique index, e.g. a number taken concurrently. */
export async function retryOnUniqueViolation<T>(attempt: () => Promise<T>, times = 5): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= times || !isUniqueViolation(error)) throw error;
    }
  }
}
