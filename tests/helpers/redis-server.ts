// A Redis server of a test's own (redis-server on a free port, nothing saved), for settings the
// machine's shared Redis must not be given: a password, TLS with a certificate made for the test.
// null when redis-server (or, for TLS, openssl) is not installed: the test says so and skips.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../tools/start-checks";

export interface TestRedis {
  /** redis:// or rediss:// with the password, ready for REDIS_URL. */
  url: string;
  port: number;
  /** With TLS: the PEM file of the self-signed certificate (REDIS_TLS_CA_FILE). */
  caFile: string | null;
  stop(): Promise<void>;
}

const installed = (command: string) => !spawnSync(command, ["--version"]).error;

/** A self-signed certificate for 127.0.0.1 in `dir`: cert.pem and key.pem. */
function makeCertificate(dir: string) {
  const made = spawnSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
      .concat(["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")])
      .concat(["-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]),
    { encoding: "utf8" },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr}`);
}

export async function startRedis(
  options: { password?: string; tls?: boolean } = {},
): Promise<TestRedis | null> {
  if (!installed("redis-server") || (options.tls && !installed("openssl"))) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-redis-"));
  const port = await freePort();
  const args = ["--save", "", "--appendonly", "no", "--dir", dir, "--bind", "127.0.0.1"];
  if (options.password) args.push("--requirepass", options.password);
  if (options.tls) {
    makeCertificate(dir);
    args.push("--port", "0", "--tls-port", String(port), "--tls-auth-clients", "no");
    args.push("--tls-cert-file", path.join(dir, "cert.pem"));
    args.push("--tls-key-file", path.join(dir, "key.pem"));
  } else args.push("--port", String(port));
  const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start:\n${output}`)),
      10_000,
    );
    child.stdout.on("data", (chunk) => {
      output += String(chunk);
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
  });
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : "";
  return {
    url: `${options.tls ? "rediss" : "redis"}://${auth}127.0.0.1:${port}`,
    port,
    caFile: options.tls ? path.join(dir, "cert.pem") : null,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
