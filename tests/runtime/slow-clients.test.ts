// Slow clients (issue 17, item 5): a request whose headers or body never finish, or a connection
// that sends nothing, is closed after the configured time instead of holding a socket forever,
// and connections beyond the cap are refused.
import net from "node:net";
import { Writable } from "node:stream";
import { loadConfig } from "../../runtime/config";
import { httpSettings, serve, type RunningServer } from "../../runtime/http/server";
import { createLogger } from "../../runtime/log";

const log = createLogger(
  "test",
  { level: "info" },
  new Writable({ write: (_chunk, _encoding, done) => done() }),
);
let server: RunningServer;
const settings = { headersTimeoutMs: 300, requestTimeoutMs: 600, maxConnections: 4 };

const start = () =>
  serve({
    port: 0,
    bodyLimitBytes: 2048,
    log,
    http: { ...httpSettings(loadConfig({})), ...settings },
    routes: [
      { method: "POST", path: "/echo", handler: async (request) => ({ got: request.body }) },
    ],
  });

beforeAll(async () => {
  server = await start();
});
afterAll(() => server.stop());

interface Outcome {
  closed: boolean;
  received: string;
}

/**
 * Opens a raw connection, writes `data` and waits until the server closes it, or gives up after
 * `patienceMs` (many times the configured timeouts: it only bounds a test that would hang).
 */
function slowClient(data: string, patienceMs = 8000, port = server.port): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ closed: false, received });
    }, patienceMs);
    socket.on("close", () => {
      clearTimeout(giveUp);
      resolve({ closed: true, received });
    });
    socket.on("connect", () => data && socket.write(data));
  });
}

describe("slow clients", () => {
  it("closes a connection whose headers never finish", async () => {
    const outcome = await slowClient("POST /echo HTTP/1.1\r\nHost: hub\r\nContent-Type: applic");
    expect(outcome.closed).toBe(true);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it("closes a connection whose body stops short of its Content-Length", async () => {
    const outcome = await slowClient(
      "POST /echo HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n" +
        'Content-Length: 1000\r\n\r\n{"a":"1234',
    );
    expect(outcome.closed).toBe(true);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it("closes a connection that sends nothing at all", async () => {
    expect((await slowClient("")).closed).toBe(true);
  });

  it("still serves a client that sends its request in time", async () => {
    const response = await fetch(`${server.origin}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(await response.json()).toEqual({ got: { a: 1 } });
  });

  it("refuses connections beyond the cap while the others stay open", async () => {
    // A server of its own: no other test's keep-alive connection counts against the cap.
    const capped = await start();
    const open: net.Socket[] = [];
    try {
      for (let i = 0; i < settings.maxConnections; i += 1) {
        const socket = net.connect(capped.port, "127.0.0.1");
        socket.on("error", () => undefined);
        await new Promise((resolve) => socket.once("connect", resolve));
        open.push(socket);
      }
      // Let the server accept them all before the next one knocks.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const extra = await slowClient("GET /echo HTTP/1.1\r\nHost: hub\r\n\r\n", 2000, capped.port);
      expect(extra).toEqual({ closed: true, received: "" });
      expect(open.every((s) => !s.destroyed)).toBe(true);
    } finally {
      open.forEach((s) => s.destroy());
      await capped.stop();
    }
  });
});
