// Log flooding (issue 17, item 8): a request the client aborts, or one it never finishes, is one
// structured line without a stack, and repeats of the same kind are capped per minute with a
// count of the lines left out.
import net from "node:net";
import { Writable } from "node:stream";
import { serve, type RunningServer } from "../../runtime/http/server";
import { createLogger, RepeatFilter } from "../../runtime/log";

const lines: string[] = [];
const log = createLogger(
  "test",
  { level: "info" },
  new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  }),
);
/** The clock of the repeat filter, moved by hand. */
let clock = 0;
const MAX = 5;

/** Counts the events handed to the filter, so the test knows when the server saw them all. */
class CountingFilter extends RepeatFilter {
  readonly seen = new Map<string, number>();
  override info(kind: string, fields: Record<string, unknown>, message: string) {
    this.seen.set(kind, (this.seen.get(kind) ?? 0) + 1);
    super.info(kind, fields, message);
  }
}
const repeats = new CountingFilter(log, MAX, 60_000, () => clock);
let server: RunningServer;

beforeAll(async () => {
  server = await serve({
    port: 0,
    bodyLimitBytes: 4096,
    log,
    repeats,
    http: {
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
      keepAliveTimeoutMs: 5000,
      maxConnections: 100,
    },
    routes: [
      { method: "POST", path: "/echo", handler: async (request) => ({ got: request.body }) },
    ],
  });
});
afterAll(() => server.stop());

const logged = () => lines.map((line) => JSON.parse(line) as Record<string, any>);

/** Sends `data`, then waits for the server to close the connection or closes it after `ms`. */
function send(data: string, abortAfterMs: number | null): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, "127.0.0.1");
    socket.on("error", () => undefined);
    socket.on("close", () => resolve());
    socket.on("connect", () => {
      socket.write(data);
      if (abortAfterMs !== null) setTimeout(() => socket.destroy(), abortAfterMs);
    });
  });
}

const HALF_SENT =
  "POST /echo HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n" +
  'Content-Length: 1000\r\n\r\n{"a":"1234';

/** Waits until the server has logged `count` lines of `kind` (it logs when it notices). */
async function linesOf(kind: string, count: number) {
  for (let i = 0; i < 200 && logged().filter((l) => l.kind === kind).length < count; i += 1)
    await new Promise((resolve) => setTimeout(resolve, 10));
  return logged().filter((l) => l.kind === kind);
}

describe("aborted and unfinished requests in the log", () => {
  it("logs an aborted request as one structured line without a stack", async () => {
    lines.length = 0;
    await send(HALF_SENT, 50);
    const aborted = await linesOf("request aborted", 1);
    expect(aborted).toHaveLength(1);
    expect(aborted[0]).toMatchObject({ level: 30, remote: "127.0.0.1" });
    expect(JSON.stringify(aborted[0])).not.toMatch(/stack|\\n\s+at /);
  });

  it("logs a request that never finishes as one line, and answers it 408 in the error shape", async () => {
    lines.length = 0;
    const received: string[] = [];
    await new Promise<void>((resolve) => {
      const socket = net.connect(server.port, "127.0.0.1");
      socket.on("data", (chunk) => received.push(String(chunk)));
      socket.on("error", () => undefined);
      socket.on("close", () => resolve());
      socket.on("connect", () => socket.write(HALF_SENT));
    });
    expect(received.join("")).toMatch(/^HTTP\/1\.1 408/);
    expect(received.join("")).toContain('"code":"REQUEST_TIMEOUT"');
    const timedOut = await linesOf("request timeout", 1);
    expect(timedOut).toHaveLength(1);
    expect(JSON.stringify(timedOut[0])).not.toMatch(/stack/);
    // Closing it is not a second event: no "request aborted" line follows.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logged().map((l) => l.kind)).toEqual(["request timeout"]);
  });

  it("caps 200 aborted requests at the limit and counts the rest", async () => {
    clock += 120_000; // a fresh window
    lines.length = 0;
    const before = repeats.seen.get("request aborted") ?? 0;
    for (let i = 0; i < 200; i += 20) {
      await Promise.all(Array.from({ length: 20 }, () => send(HALF_SENT, 30)));
    }
    // The window must not close before the server has noticed every abort.
    while ((repeats.seen.get("request aborted") ?? 0) < before + 200)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(logged().filter((l) => l.kind === "request aborted")).toHaveLength(MAX);
    clock += 60_000;
    await send(HALF_SENT, 30);
    const after = await linesOf("request aborted", MAX + 2);
    const summary = after.find((l) => l.suppressed !== undefined);
    expect(summary).toMatchObject({ suppressed: 200 - MAX });
    expect(lines.length).toBeLessThanOrEqual(MAX + 2);
  });
});
