// What every subgraph resolver receives: the verified caller, the subgraph's data source and the
// per-request DataLoaders of that subgraph.
import type { DataSource } from "typeorm";
import type { Caller } from "../../runtime/auth";
import type { HubConfig } from "../../runtime/config";
import type { Logger } from "../../runtime/log";
import type { Audit } from "./audit";

export interface SubgraphContext<TLoaders> {
  caller: Caller | null;
  /** Who acts, in which role, in which request: what every audit event this request writes says. */
  audit: Audit;
  db: DataSource;
  config: HubConfig;
  loaders: TLoaders;
  /** This subgraph's logger (structured lines; never personal data). */
  log: Logger;
  /** The request's id (the gateway's X-Request-Id), as in the logs of every part it went through. */
  requestId: string;
  /** The request's trace id while tracing is on (audit events keep it), else null. */
  traceId: string | null;
}
