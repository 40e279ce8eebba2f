// What a coverage record must be: an http(s) link, normalised so that the same article is one
// record however its URL was typed, and a publication date that is not in the future (Shenzhen).
// Pure: unit-tested (tests/unit/coverage-rules.test.ts).
import { createHash } from "node:crypto";
import { badInput } from "../../../runtime/errors";
import { today } from "../../../runtime/dates";
import { codePoints } from "../../shared/validation/chars";
import { LIMITS } from "./story-content";

/**
 * The URL as stored, and its key for the duplicate check. WHATWG normalisation: scheme and host in
 * lower case, default port and dot segments gone, non-ASCII percent-encoded; the fragment (a place
 * in the page) does not make another article, so it goes.
 */
export function normaliseCoverageUrl(raw: string): { url: string; key: string } {
  const text = raw.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw badInput(
      `url "${text}" is not a link; write it in full, e.g. https://www.sznews.com/...`,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw badInput(`url must be an http(s) link; "${parsed.protocol}" links are not accepted`);
  if (!parsed.hostname) throw badInput("url has no host name");
  if (parsed.username || parsed.password)
    throw badInput("url must not carry a user name or password");
  parsed.hash = "";
  const url = parsed.toString();
  if (codePoints(url) > LIMITS.url)
    throw badInput(`url is ${codePoints(url)} characters long once encoded; at most ${LIMITS.url}`);
  return { url, key: createHash("sha256").update(url).digest("hex") };
}

/** Coverage is a past event: its date may be today (in Shenzhen) but not later. */
export function assertNotFuture(publishedOn: string, now = new Date()) {
  const latest = today(now);
  if (publishedOn > latest) {
    throw badInput(
      `publishedOn ${publishedOn} is in the future; today in Shenzhen is ${latest}, record coverage once it has appeared`,
    );
  }
}
