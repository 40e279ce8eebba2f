// The city's decisions on a platform (CITY_ADMIN): certify an application at a level and on a date,
// reject it, or revoke a certification, each by the transition table (services/lifecycle.ts) and
// kept as an audit event in Platform.history.
import type { DataSource } from "typeorm";
import { badInput } from "../../../runtime/errors";
import type { Audit } from "../../shared/audit";
import { today } from "../../../runtime/dates";
import type { PlatformLevel } from "../vocabulary";
import { nextStatus } from "./lifecycle";
import { claimingLiveKeys } from "./live-platforms.service";
import { findPlatform, writePlatform } from "./platform-writes";
import { optionalComment, requireReason } from "./text";

/** The certification date: today in Shenzhen unless given; never ahead, never before applying. */
export function certificationDate(
  given: string | null | undefined,
  appliedOn: string,
  now = today(),
) {
  const date = given ?? now;
  if (date > now)
    throw badInput(`certifiedOn ${date} is in the future; today is ${now} in Shenzhen`);
  if (date < appliedOn)
    throw badInput(`certifiedOn ${date} is before the application of ${appliedOn}`);
  return date;
}

export async function certifyPlatform(
  db: DataSource,
  audit: Audit,
  id: string,
  level: PlatformLevel,
  certifiedOn: string | null | undefined,
  comment: string | null | undefined,
) {
  const note = optionalComment(comment);
  const platform = await findPlatform(db, id);
  nextStatus(platform.id, platform.status, "certify");
  const date = certificationDate(certifiedOn, platform.appliedOn);
  // Certified, it stays live: refused while data from before the live keys breaks their rule.
  return claimingLiveKeys(db, platform, platform.id, () =>
    db.transaction((tx) =>
      writePlatform(tx, audit, platform, {
        move: "certify",
        columns: { level, certifiedOn: date },
        comment: `${level} on ${date}${note ? `: ${note}` : ""}`,
      }),
    ),
  );
}

/** reject (an application) or revoke (a certification), with the reason kept in the history. */
export async function decideAgainst(
  db: DataSource,
  audit: Audit,
  id: string,
  transition: "reject" | "revoke",
  reason: string,
) {
  const why = requireReason(reason);
  const platform = await findPlatform(db, id);
  return db.transaction((tx) =>
    writePlatform(tx, audit, platform, { move: transition, comment: why }),
  );
}
