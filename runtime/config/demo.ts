// The demo data an empty database is loaded with.
import { isIsoDate, today } from "../dates";
import { flag, value, type Env, type Problems } from "./read";

export interface DemoConfig {
  /** Load the demo data into empty databases at start. */
  seed: boolean;
  /** The Shenzhen date the demo data is generated around (its dates lie before it). */
  anchor: string;
}

export function demoSection(env: Env, problems: Problems): DemoConfig {
  const anchor = value(env, "DEMO_ANCHOR");
  if (anchor !== undefined && !isIsoDate(anchor))
    problems.add(`DEMO_ANCHOR=${anchor} must be a date written YYYY-MM-DD`);
  return {
    seed: flag(env, problems, "SEED_DEMO", true),
    anchor: anchor !== undefined && isIsoDate(anchor) ? anchor : today(),
  };
}
