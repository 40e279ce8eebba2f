// npm run token -- --role ROLE [--district CODE] [--platform ID] [--sub NAME] [--ttl SECONDS]
import { signToken, ROLES, type Role } from "../runtime/auth";
import { isDistrictCode } from "../subgraphs/shared/vocabulary";
import { codePoints } from "../subgraphs/shared/validation/chars";
import { configOrExit, fail, parseFlags } from "./cli";

async function main() {
  const usage = `usage: npm run token -- --role <${ROLES.join("|")}> [--district CODE] [--platform ID] [--sub NAME] [--ttl SECONDS]`;
  const { flags } = parseFlags(
    process.argv.slice(2),
    ["role", "district", "platform", "sub", "ttl"],
    usage,
  );
  const role = flags.role as Role;
  if (!(ROLES as readonly string[]).includes(role))
    fail(`${flags.role ? `unknown role ${flags.role}\n` : ""}${usage}`);
  if (role === "DISTRICT_OPERATOR" && !(flags.district && isDistrictCode(flags.district))) {
    fail("a DISTRICT_OPERATOR token needs --district with a district code such as 440305");
  }
  if (role === "PLATFORM_OPERATOR" && !/^\d+$/.test(flags.platform ?? "")) {
    fail("a PLATFORM_OPERATOR token needs --platform with the platform's id");
  }
  if (flags.sub !== undefined && !(codePoints(flags.sub) >= 1 && codePoints(flags.sub) <= 100)) {
    fail("--sub must be 1-100 characters: it is recorded as the actor of every change");
  }
  const ttl = flags.ttl ? Number(flags.ttl) : undefined;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0))
    fail("--ttl must be a positive number of seconds");
  const token = await signToken(
    {
      sub: flags.sub ?? `${role.toLowerCase()}${flags.district ? `-${flags.district}` : ""}`,
      role,
      district: role === "DISTRICT_OPERATOR" ? flags.district : undefined,
      platform: role === "PLATFORM_OPERATOR" ? flags.platform : undefined,
    },
    configOrExit().auth,
    ttl,
  );
  console.log(token);
}

main().catch((error) => fail(String(error)));
