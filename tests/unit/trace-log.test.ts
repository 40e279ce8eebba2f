// Log lines written while a request is traced carry its trace id (runtime/log.ts); others carry
// none, and no line's fields leak into the next.
import { Writable } from "node:stream";
import { context, ROOT_CONTEXT, trace, TraceFlags } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { createLogger } from "../../runtime/log";

const lines: Array<Record<string, unknown>> = [];
const log = createLogger(
  "test",
  { level: "info" },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")));
      done();
    },
  }),
);

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(() => context.disable());

it("has the trace id inside a traced request, and nothing of it outside", async () => {
  const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
  const traced = trace.setSpanContext(ROOT_CONTEXT, {
    traceId,
    spanId: "00f067aa0ba902b7",
    traceFlags: TraceFlags.SAMPLED,
  });
  log.info({ first: 1 }, "outside");
  await context.with(traced, async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    log.info({ second: 2 }, "inside, after an await");
  });
  log.info("outside again");
  expect(lines.map(({ msg, first, second, traceId: id }) => ({ msg, first, second, id }))).toEqual([
    { msg: "outside", first: 1, second: undefined, id: undefined },
    { msg: "inside, after an await", first: undefined, second: 2, id: traceId },
    { msg: "outside again", first: undefined, second: undefined, id: undefined },
  ]);
});
