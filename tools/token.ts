// npm run token -- --role ROLE [--district CODE] [--platform ID] [--credit-code CODE]
//   [--volunteer ID] [--sub NAME] [--ttl SECONDS]
// Prints a hub token (HS256, the development secret or JWT_SECRET) alone on standard output.
import { signToken, ROLES, type Caller, type Role } from "../runtime/auth";
import { creditCodeProblem } from "../runtime/credit-code";
import { isDistrictCode } from "../subgraphs/shared/vocabulary";
import { codePoints } from "../subgraphs/shared/validation/chars";
import { configOrExit, fail, parseFlags } from "./cli";

const USAGE =
  `usage: npm run token -- --role <${ROLES.join("|")}> [--district CODE] [--platform ID] ` +
  `[--credit-code CODE] [--volunteer ID] [--sub NAME] [--ttl SECONDS]`;

/** The caller the flags describe, with what its role is bound to; fails saying what is missing. */
function callerOf(flags: Partial<Record<string, string>>): Caller {
  const role = flags.role as Role;
  if (!(ROLES as readonly string[]).includes(role))
    fail(`${flags.role ? `unknown role ${flags.role}\n` : ""}${USAGE}`);
  const caller: Caller = { sub: "", role };
  if (role === "DISTRICT_OPERATOR") {
    if (!(flags.district && isDistrictCode(flags.district)))
      fail("a DISTRICT_OPERATOR token needs --district with a district code such as 440305");
    caller.district = flags.district;
  }
  if (role === "PLATFORM_OPERATOR") {
    if (!/^\d+$/.test(flags.platform ?? ""))
      fail("a PLATFORM_OPERATOR token needs --platform with the platform's id");
    caller.platform = flags.platform;
  }
  if (role === "ENTERPRISE") {
    const code = (flags["credit-code"] ?? "").trim().toUpperCase();
    if (!code) fail("an ENTERPRISE token needs --credit-code with its unified social credit code");
    const problem = creditCodeProblem(code);
    if (problem) fail(`an ENTERPRISE token needs a valid --credit-code: ${problem}`);
    caller.creditCode = code;
  }
  if (role === "VOLUNTEER") {
    if (!/^[1-9]\d{0,8}$/.test(flags.volunteer ?? ""))
      fail("a VOLUNTEER token needs --volunteer with the volunteer's id");
    caller.volunteerId = flags.volunteer;
  }
  const bound = caller.district ?? caller.platform ?? caller.creditCode ?? caller.volunteerId;
  caller.sub = flags.sub ?? `${role.toLowerCase()}${bound ? `-${bound}` : ""}`;
  return caller;
}

async function main() {
  const { flags } = parseFlags(
    process.argv.slice(2),
    ["role", "district", "platform", "credit-code", "volunteer", "sub", "ttl"],
    USAGE,
  );
  if (flags.sub !== undefined && !(codePoints(flags.sub) >= 1 && codePoints(flags.sub) <= 100)) {
    fail("--sub must be 1-100 characters: it is recorded as the actor of every change");
  }
  const caller = callerOf(flags);
  const ttl = flags.ttl ? Number(flags.ttl) : undefined;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0))
    fail("--ttl must be a positive number of seconds");
  console.log(await signToken(caller, configOrExit().auth, ttl));
}

main().catch((error) => fail(String(error)));
