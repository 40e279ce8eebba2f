// npm start with DEV_OIDC=1 (issue 27, item 5): the whole federation and the development provider
// start, the gateway trusts the provider, and a newcomer signs in as each role's demo user through
// the authorization code flow with PKCE (over HTTP here, as the pages do in a browser); the tools'
// confidential client gets a token with client credentials. The real command, on free ports and a
// fresh data folder.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../runtime/config";
import { devProviderSettings, DEV_TOOLS_SECRET } from "../../tools/dev-oidc-users";
import { freePort } from "../../tools/start-checks";
import { signIn } from "../helpers/oidc-sign-in";

const ROOT = path.join(__dirname, "..", "..");
const execFileAsync = promisify(execFile);

let child: ChildProcess;
let output = "";
let env: Record<string, string>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-devoidc-"));

beforeAll(async () => {
  const ports = await Promise.all(Array.from({ length: 6 }, () => freePort()));
  env = {
    DEV_OIDC: "1",
    DEV_OIDC_PORT: String(ports[5]),
    PORT: String(ports[0]),
    CORPS_PORT: String(ports[1]),
    DISTRICTS_PORT: String(ports[2]),
    PLATFORMS_PORT: String(ports[3]),
    PUBLICITY_PORT: String(ports[4]),
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    LOG_LEVEL: "warn",
  };
  // npm start's own build step (prestart) always rebuilds dist/, under the feet of
  // tests/tools/token.test.ts, which checks that a fresh dist/ is left alone: build only when
  // stale, as every other command does, then run npm start without its pre-script.
  await execFileAsync(process.execPath, [path.join(ROOT, "tools", "build.js"), "--if-stale"], {
    cwd: ROOT,
  });
  child = spawn("npm", ["start", "--ignore-scripts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start did not start:\n${output}`)),
      400_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      // The banner's last line: the sign-in lines come before it, perhaps in a later chunk.
      if (output.includes("Get a token with")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.on("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}, 450_000);

afterAll(async () => {
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((resolve) => child.on("exit", resolve));
    process.kill(-child.pid, "SIGINT");
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("prints where to sign in, and signs in each role's demo user", async () => {
  const config = loadConfig({ ...process.env, ...env });
  const issuer = config.identity.oidc!.issuer;
  expect(output).toContain(`Sign-in:     ${issuer}`);
  const gateway = config.servers.publicUrl;
  const settings = await fetch(`${gateway}/auth/config`).then((r) => r.json() as Promise<any>);
  expect(settings).toMatchObject({
    signIn: { issuer, clientId: "hub-pages", tokenEndpoint: `${issuer}/token` },
    pasteToken: true,
  });
  const { users } = devProviderSettings(config);
  // A user without a role is an APPLICANT (who applies to the corps on /me).
  const roleOf = (user: (typeof users)[number]) =>
    "role" in user.claims ? user.claims.role : "APPLICANT";
  expect(new Set(users.map(roleOf))).toEqual(
    new Set([
      "CITY_ADMIN",
      "DASHBOARD_VIEWER",
      "DISTRICT_OPERATOR",
      "PLATFORM_OPERATOR",
      "PUBLICITY_EDITOR",
      "ENTERPRISE",
      "VOLUNTEER",
      "APPLICANT",
    ]),
  );
  for (const user of users) {
    const tokens = await signIn(issuer, {
      clientId: "hub-pages",
      redirectUri: `${gateway}/dashboard`,
      user: user.id,
    });
    const me = await fetch(`${gateway}/auth/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    }).then((r) => r.json() as Promise<any>);
    expect({ user: user.id, role: me.caller?.role }).toEqual({
      user: user.id,
      role: roleOf(user),
    });
  }
  // Seven whole code flows through the provider's pages: minutes on a loaded machine.
}, 360_000);

it("gives the tools' confidential client a token with client credentials", async () => {
  const config = loadConfig({ ...process.env, ...env });
  const issuer = config.identity.oidc!.issuer;
  const answer = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`hub-tools:${DEV_TOOLS_SECRET}`).toString("base64")}`,
    },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      resource: "urn:sme-volunteer-hub",
    }).toString(),
  }).then((r) => r.json() as Promise<any>);
  const me = await fetch(`${config.servers.publicUrl}/auth/me`, {
    headers: { authorization: `Bearer ${answer.access_token}` },
  }).then((r) => r.json() as Promise<any>);
  expect(me.caller).toEqual({ sub: "hub-tools", role: "CITY_ADMIN" });
});
