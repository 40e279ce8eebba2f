// The bulk import CLI (docs/excel.md, docs/districts.md): how many rows one file may hold. A file
// over the cap is refused before anything is sent, with a message saying to split it.
import { integer, type Env, type Problems } from "./read";

export interface ImportConfig {
  /** Data rows one CSV, JSON or .xlsx file may hold (IMPORT_MAX_ROWS). */
  maxRows: number;
}

export const DEFAULT_IMPORT_MAX_ROWS = 20_000;

export function importSection(env: Env, problems: Problems): ImportConfig {
  return {
    maxRows: integer(env, problems, "IMPORT_MAX_ROWS", DEFAULT_IMPORT_MAX_ROWS, {
      min: 1,
      max: 1_000_000,
      what: "a number of rows from 1 to 1000000",
    }),
  };
}
