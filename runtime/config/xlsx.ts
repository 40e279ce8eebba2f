// Excel downloads (docs/excel.md): the worker threads that write workbooks off the gateway's event
// loop, and how many downloads may wait for one.
import { integer, type Env, type Problems } from "./read";

export interface XlsxConfig {
  /** Worker threads that write .xlsx downloads (XLSX_WORKERS). */
  workers: number;
  /** Downloads that may wait for a free worker; more are answered 503 with Retry-After (XLSX_QUEUE). */
  queue: number;
}

export function xlsxSection(env: Env, problems: Problems): XlsxConfig {
  return {
    workers: integer(env, problems, "XLSX_WORKERS", 1, {
      min: 1,
      max: 16,
      what: "a number of threads from 1 to 16",
    }),
    queue: integer(env, problems, "XLSX_QUEUE", 10, {
      min: 0,
      max: 1000,
      what: "a number of waiting downloads from 0 to 1000",
    }),
  };
}
