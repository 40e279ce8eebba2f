// How the gateway's data sources send HTTP to the subgraphs (RemoteGraphQLDataSource's `fetcher`):
// node:http over a keep-alive agent whose idle sockets close before the subgraphs' own
// keep-alive timeout would close them, and one more try, on a fresh connection, for a query that
// meets a reset on a reused socket. That happens when the gateway's event loop was blocked past
// the subgraph's keep-alive timeout: the subgraph closed the idle socket, the gateway had not yet
// noticed, and the next request went out on it ("socket hang up"). A mutation is never sent twice
// (the data source marks each call's kind: call-kind.ts).
import http from "node:http";
import https from "node:https";
import { urlToHttpOptions } from "node:url";
import type { RemoteGraphQLDataSource } from "@apollo/gateway";
import { isRetryable, wireHeaders } from "./call-kind";

/** The fetch function RemoteGraphQLDataSource calls (@apollo/utils.fetcher's Fetcher). */
export type Fetcher = RemoteGraphQLDataSource["fetcher"];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse["headers"];

export interface SubgraphFetcherOptions {
  /** Idle pooled sockets are closed after this long (config.servers.subgraphIdleTimeoutMs). */
  idleTimeoutMs: number;
  /** Sockets per subgraph origin at most (default: unlimited, as before). */
  maxSockets?: number;
}

export interface SubgraphFetcher {
  fetcher: Fetcher;
  /** Closes every pooled socket (gateway stop). */
  close(this: void): void;
}

/**
 * Failures met before the whole request was handed to the network (refused connection, a time
 * limit that passed while it waited for a socket): the subgraph cannot have run it.
 */
const UNSENT = new WeakSet<object>();

/** True when the request that failed with this error never fully left the gateway. */
export const wasNotSent = (error: unknown): boolean =>
  typeof error === "object" && error !== null && UNSENT.has(error);

/**
 * A try's time limit in ms (subgraph-calls.ts), set on the request's init under this key: the
 * request is destroyed when it passes, as an AbortSignal given to http.request destroys it (the
 * same AbortError, its cause the TimeoutError AbortSignal.timeout gives), on one timer cleared
 * with the answer. An AbortController per call, and the signal's listeners on the request and its
 * socket, cost about 2 % of the gateway's CPU on a two-fetch request.
 */
export const TIME_LIMIT_MS = Symbol("subgraph call time limit");
export type TimedInit = FetcherRequestInit & { [TIME_LIMIT_MS]?: number };

/** AbortSignal.timeout's reason's message. */
const TIMEOUT_MESSAGE = "The operation was aborted due to timeout";

/** The error http.request fails with when its signal aborts (Node's internal AbortError). */
function timeoutAbort(): Error {
  const error = new Error("The operation was aborted", {
    cause: new DOMException(TIMEOUT_MESSAGE, "TimeoutError"),
  });
  return Object.assign(error, { name: "AbortError", code: "ABORT_ERR" });
}

/** The request went out on a pooled socket the other side had closed. */
class StaleSocket extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);
/** HTTP statuses whose Response must not have a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A subgraph's answer as RemoteGraphQLDataSource reads it (@apollo/utils.fetcher's
 * FetcherResponse), over the body already read. Building a WHATWG Response for it and reading it
 * back through its stream (undici) cost more CPU at the gateway than parsing the JSON itself.
 */
class SubgraphResponse implements FetcherResponse {
  bodyUsed = false;
  readonly redirected = false;
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: FetcherHeaders,
    /** Null for a status that has no body (204, 304): read as empty, and never used up. */
    private readonly body: Buffer | null,
  ) {}

  get ok() {
    return this.status >= 200 && this.status < 300;
  }

  private take(): Buffer {
    if (this.body === null) return Buffer.alloc(0);
    if (this.bodyUsed) throw new TypeError("the subgraph's answer was already read");
    this.bodyUsed = true;
    return this.body;
  }

  async text() {
    // As fetch's text() decodes: UTF-8, a leading byte-order mark dropped.
    const text = this.take().toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  async json() {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer() {
    const body = this.take();
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }

  clone() {
    if (this.bodyUsed) throw new TypeError("the subgraph's answer was already read");
    return new SubgraphResponse(
      this.url,
      this.status,
      this.statusText,
      new Headers([...this.headers]),
      this.body,
    );
  }
}

/**
 * The answer's headers as a WHATWG `Headers` reads them, over the raw name/value list Node parsed.
 * RemoteGraphQLDataSource only reads two (Content-Type, Cache-Control): `get` and `has` look them
 * up in the list (values of a repeated name joined with ", ", as `Headers.get` joins them); a real
 * `Headers` is built only for anything else (iteration, changes, clone).
 */
export class AnswerHeaders implements FetcherHeaders {
  private built: Headers | null = null;
  constructor(private readonly raw: readonly string[]) {}

  private headers(): Headers {
    if (!this.built) {
      this.built = new Headers();
      for (let i = 0; i < this.raw.length; i += 2) this.built.append(this.raw[i], this.raw[i + 1]);
    }
    return this.built;
  }

  get(name: string): string | null {
    if (this.built) return this.built.get(name);
    const wanted = name.toLowerCase();
    let value: string | null = null;
    for (let i = 0; i < this.raw.length; i += 2)
      if (this.raw[i].toLowerCase() === wanted)
        value = value === null ? this.raw[i + 1] : `${value}, ${this.raw[i + 1]}`;
    return value;
  }
  has(name: string): boolean {
    return this.get(name) !== null;
  }
  append(name: string, value: string) {
    this.headers().append(name, value);
  }
  delete(name: string) {
    this.headers().delete(name);
  }
  set(name: string, value: string) {
    this.headers().set(name, value);
  }
  entries() {
    return this.headers().entries();
  }
  keys() {
    return this.headers().keys();
  }
  values() {
    return this.headers().values();
  }
  [Symbol.iterator]() {
    return this.headers()[Symbol.iterator]();
  }
}

function toResponse(url: string, incoming: http.IncomingMessage, body: Buffer): FetcherResponse {
  const headers = new AnswerHeaders(incoming.rawHeaders);
  const status = incoming.statusCode ?? 500;
  return new SubgraphResponse(
    url,
    status,
    incoming.statusMessage ?? "",
    headers,
    NULL_BODY.has(status) ? null : body,
  );
}

/** Request options of each subgraph URL, as http.request derives them from a URL. */
const addresses = new Map<string, ReturnType<typeof urlToHttpOptions>>();

/** The URL parsed once: the data sources call the same few URLs all the time. */
function addressOf(url: string) {
  let address = addresses.get(url);
  if (!address) {
    address = urlToHttpOptions(new URL(url));
    if (addresses.size >= 100) addresses.clear();
    addresses.set(url, address);
  }
  return address;
}

function request(
  url: string,
  init: FetcherRequestInit,
  agent: http.Agent | false,
  /** When the try's time limit passes (performance.now()), if it has one. */
  deadline: number | undefined,
): Promise<FetcherResponse> {
  return new Promise((settleAnswer, settleFailure) => {
    const target = addressOf(url);
    const send = target.protocol === "https:" ? https.request : http.request;
    let answered = false;
    let timer: NodeJS.Timeout | undefined;
    const resolve = (response: FetcherResponse) => {
      clearTimeout(timer);
      settleAnswer(response);
    };
    const reject = (error: Error) => {
      clearTimeout(timer);
      settleFailure(error);
    };
    const req = send(
      {
        ...target,
        method: init.method ?? "GET",
        headers: wireHeaders(init),
        agent,
        signal: init.signal as AbortSignal | undefined,
      },
      (incoming) => {
        answered = true;
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () =>
          resolve(
            toResponse(url, incoming, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)),
          ),
        );
        incoming.on("error", reject);
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      // "finish": the whole request was handed to the operating system.
      if (!req.writableFinished) UNSENT.add(error);
      const stale = req.reusedSocket && !answered && RESET_CODES.has(error.code ?? "");
      reject(stale ? new StaleSocket(error) : error);
    });
    if (deadline !== undefined)
      timer = setTimeout(
        () => req.destroy(timeoutAbort()),
        Math.max(0, deadline - performance.now()),
      );
    req.end(init.body);
  });
}

export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  // `timeout` on a keep-alive agent closes a free socket once it has idled that long (a socket
  // in use is not affected); Node also honours the server's "Keep-Alive: timeout" hint.
  const settings = {
    keepAlive: true,
    timeout: options.idleTimeoutMs,
    maxSockets: options.maxSockets ?? Infinity,
    scheduling: "lifo" as const,
  };
  const agents = { http: new http.Agent(settings), https: new https.Agent(settings) };
  const fetcher: Fetcher = async (url, init: TimedInit = {}) => {
    const agent = url.startsWith("https:") ? agents.https : agents.http;
    // One limit for the try, the fresh connection after a stale socket included.
    const limitMs = init[TIME_LIMIT_MS];
    const deadline = limitMs === undefined ? undefined : performance.now() + limitMs;
    try {
      return await request(url, init, agent, deadline);
    } catch (error) {
      if (!(error instanceof StaleSocket)) throw error;
      if (!isRetryable(init)) throw error.cause;
      // The other idle sockets waited as long as this one: drop them, so that the query goes
      // once more on a fresh connection (which is pooled for the next requests).
      for (const sockets of Object.values(agent.freeSockets)) sockets?.forEach((s) => s.destroy());
      return request(url, init, agent, deadline);
    }
  };
  return {
    fetcher,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
