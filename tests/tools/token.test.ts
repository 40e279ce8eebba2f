// The README's first example (issue 24, items 2 and 3): TOKEN=$(npm run --silent token -- ...) must
// capture the token alone, so the real command runs here and its standard output is exactly one
// JWT line, whatever the build step before it printed; and a second call starts from the dist/ the
// first one left, without building again.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { verifyToken } from "../../runtime/auth";
import { loadConfig } from "../../runtime/config";

const ROOT = path.join(__dirname, "..", "..");
const JWT_LINE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function token(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "--silent", "token", "--", ...args],
      // A first call on a fresh clone builds dist/ (half a minute, more on a busy machine).
      { cwd: ROOT, timeout: 400_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A run that succeeded, or a failure showing what it printed. */
function succeeded(run: Run): Run {
  if (run.code !== 0) throw new Error(`exit ${run.code}\n${run.stderr}`);
  return run;
}

const mtimeOf = (rel: string) => fs.statSync(path.join(ROOT, rel)).mtimeMs;

describe("npm run --silent token", () => {
  it("prints a CITY_ADMIN token alone on standard output, building dist/ first if needed", async () => {
    const { stdout } = succeeded(await token("--role", "CITY_ADMIN"));
    expect(stdout).toMatch(JWT_LINE);
    const caller = await verifyToken(stdout.trim(), loadConfig().auth);
    expect(caller.role).toBe("CITY_ADMIN");
  }, 450_000);

  it("does not build again when nothing changed, and prints a district operator's token alone", async () => {
    const stamp = mtimeOf("dist/.build-stamp.json");
    const compiled = mtimeOf("dist/tools/token.js");
    const { stdout, stderr } = succeeded(
      await token("--role", "DISTRICT_OPERATOR", "--district", "440305"),
    );
    expect(stderr).not.toMatch(/\[build\]/);
    expect(mtimeOf("dist/.build-stamp.json")).toBe(stamp);
    expect(mtimeOf("dist/tools/token.js")).toBe(compiled);
    expect(stdout).toMatch(JWT_LINE);
    const caller = await verifyToken(stdout.trim(), loadConfig().auth);
    expect(caller).toMatchObject({ role: "DISTRICT_OPERATOR", district: "440305" });
  });

  it("mints the self-service roles, bound to a valid credit code or a volunteer id", async () => {
    const enterprise = succeeded(
      await token("--role", "ENTERPRISE", "--credit-code", "914403000800ld9lfx"),
    );
    expect(await verifyToken(enterprise.stdout.trim(), loadConfig().auth)).toMatchObject({
      role: "ENTERPRISE",
      creditCode: "914403000800LD9LFX",
    });
    const volunteer = succeeded(await token("--role", "VOLUNTEER", "--volunteer", "12"));
    expect(await verifyToken(volunteer.stdout.trim(), loadConfig().auth)).toMatchObject({
      role: "VOLUNTEER",
      volunteerId: "12",
    });
    // One character off: the GB 32100 check character no longer holds.
    const wrong = await token("--role", "ENTERPRISE", "--credit-code", "914403000800LD9LFY");
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe("");
    expect(wrong.stderr).toMatch(/check character should be X/);
    const none = await token("--role", "VOLUNTEER");
    expect(none.stderr).toMatch(/needs --volunteer/);
  });

  it("says what is wrong on standard error only", async () => {
    const failed = await token("--role", "DISTRICT_OPERATOR");
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe("");
    expect(failed.stderr).toMatch(/needs --district/);
  });
});
