// The processes a benchmark run measures: each subgraph, our gateway and the competitor gateways
// as child processes of their own, so that each one's CPU time can be read from /proc.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { childEnv } from "../runtime/config";
import { probeHttp } from "../runtime/http/probe";

export const DIST = path.join(__dirname, "..");

export interface Proc {
  name: string;
  url: string;
  child: ChildProcess;
  /** The last lines it printed, for a failure's message. */
  tail(): string;
  stop(): Promise<void>;
}

/** Starts `node <script> ...args` and waits until `ready` answers 200, or prints a line it matches. */
export async function startProcess(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  url: string,
  ready: string | RegExp,
  nodeArgs: string[] = [],
): Promise<Proc> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, path.isAbsolute(script) ? script : path.join(DIST, script), ...args],
    {
      env: childEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const proc: Proc = {
    name,
    url,
    child,
    tail: () => output.split("\n").slice(-15).join("\n"),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited:\n${proc.tail()}`);
    if (typeof ready === "string" ? await probeHttp(ready, 1000) : ready.test(output)) return proc;
    await new Promise((r) => setTimeout(r, 150));
  }
  await proc.stop();
  throw new Error(`${name} was not ready within 90 s:\n${proc.tail()}`);
}

/** The live child processes of a process (a cluster's workers), from /proc (Linux). */
function childrenOf(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU seconds (user + system) one process has spent so far, from /proc (Linux). */
function ownCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
  } catch {
    return NaN;
  }
}

/** CPU seconds a process and its live children (GATEWAY_WORKERS) have spent so far. */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  return childrenOf(pid).reduce(
    (sum, child) => sum + (ownCpuSeconds(child) || 0),
    ownCpuSeconds(pid),
  );
}

/** Resident memory of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * The database server's process when the data set is on this machine (MariaDB or MySQL at
 * 127.0.0.1 or localhost), so that its CPU per request is read like the others'; else undefined.
 */
export function databasePid(url: string | undefined): number | undefined {
  const host = url?.startsWith("mysql:") ? new URL(url).hostname : "";
  if (host !== "127.0.0.1" && host !== "localhost") return undefined;
  for (const name of ["mariadbd", "mysqld"]) {
    try {
      const pid = Number(execFileSync("pidof", ["-s", name], { encoding: "utf8" }).trim());
      if (pid > 0) return pid;
    } catch {
      // pidof exits 1 when no such process runs.
    }
  }
  return undefined;
}
