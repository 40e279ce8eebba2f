// Idempotency-Key on mutations (draft-ietf-httpapi-idempotency-key-header): a client that did not
// get an answer sends the same request again with the same key, and is answered with the first
// answer instead of writing twice. Keys belong to one caller (role and subject; the address when
// anonymous); a key remembers a fingerprint of its request (operation text, name and variables).
// - first time: the key is claimed ("running") and the mutation runs;
// - again while it runs: 409 IDEMPOTENCY_KEY_IN_USE; with another request: 422
//   IDEMPOTENCY_KEY_REUSED; again after it ran: its answer (header Idempotent-Replayed: true);
// - the answer is kept for IDEMPOTENCY_TTL_SECONDS, unless it says for certain that nothing was
//   written and that sending it again may work (SERVICE_UNAVAILABLE, RATE_LIMITED,
//   UNAUTHENTICATED, and no data): then the key is released and a retry runs anew. Every other
//   answer is kept, OUTCOME_UNKNOWN and internal errors too: the write may have happened, and
//   running it again is what the key is there to prevent (the draft: a retry gets the result of
//   the first request, "success or an error").
// Queries ignore the header: reading twice writes nothing.
import { createHash } from "node:crypto";
import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import { OperationTypeNode, type FormattedExecutionResult } from "graphql";
import { graphQLError, type ErrorCode } from "../../runtime/errors";
import type { Logger } from "../../runtime/log";
import { mutationMayHaveWritten } from "../cache-entities";
import type { GatewayContext } from "../context";
import type { ClaimStore } from "../idempotency-store";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";

export interface IdempotencyOptions {
  /** How long an answer is kept (ms). */
  ttlMs: number;
  /** How long a running request holds its key at most (a gateway that died mid-request). */
  leaseMs: number;
}

type KeyRecord =
  | { state: "running"; fingerprint: string }
  | { state: "done"; fingerprint: string; status?: number; body: FormattedExecutionResult };

/** Answers that wrote nothing for certain, and may go through when sent again. */
const RETRY_ANEW: ReadonlySet<string> = new Set<ErrorCode>([
  "SERVICE_UNAVAILABLE",
  "RATE_LIMITED",
  "UNAUTHENTICATED",
]);

const refusal = (code: ErrorCode, message: string) => graphQLError(code, message, { http: true });

/**
 * The key as sent: a structured-field string ("...", as the draft writes it) or the bare value
 * most clients send; 1-255 printable ASCII characters.
 */
export function parseKey(raw: string): string {
  const quoted = /^"((?:[^"\\]|\\["\\])*)"$/.exec(raw.trim());
  const key = quoted ? quoted[1].replace(/\\(["\\])/g, "$1") : raw.trim();
  if (!/^[\x20-\x7e]{1,255}$/.test(key))
    throw refusal(
      "BAD_REQUEST",
      "Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID, say)",
    );
  return key;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Whether the mutation certainly wrote nothing, so that its key can be used again: none of its
 * subgraph calls answered with data (a later root field's failure can null the data of an earlier
 * one that wrote) and every error says it was not sent.
 */
export function nothingWritten(
  result: FormattedExecutionResult,
  context?: Pick<GatewayContext, "entities">,
): boolean {
  if (mutationMayHaveWritten(context ?? {}, result)) return false;
  return Boolean(
    result.errors?.length && result.errors.every((e) => RETRY_ANEW.has(String(e.extensions?.code))),
  );
}

export function idempotencyPlugin(
  store: ClaimStore,
  options: IdempotencyOptions,
  log: Logger,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      const raw = request.http?.headers.get(IDEMPOTENCY_HEADER);
      if (raw === undefined) return;
      let claimed: { id: string; fingerprint: string } | null = null;
      let replay: Extract<KeyRecord, { state: "done" }> | null = null;
      return {
        async didResolveOperation(ctx) {
          if (ctx.operation?.operation !== OperationTypeNode.MUTATION) return;
          const caller = ctx.contextValue.caller;
          const scope = caller
            ? `${caller.role}:${caller.sub}`
            : `anonymous:${ctx.contextValue.ip}`;
          const id = sha256(JSON.stringify([scope, parseKey(raw)]));
          const fingerprint = sha256(
            JSON.stringify([ctx.request.operationName ?? null, ctx.source, ctx.request.variables]),
          );
          const running: KeyRecord = { state: "running", fingerprint };
          let found: string | null;
          try {
            found = await store.claim(id, JSON.stringify(running), options.leaseMs);
          } catch (error) {
            log.warn({ reason: (error as Error).message }, "idempotency store unreachable");
            throw refusal(
              "SERVICE_UNAVAILABLE",
              "the hub cannot check the Idempotency-Key now; nothing was written, try again later",
            );
          }
          if (found === null) {
            claimed = { id, fingerprint };
            return;
          }
          const record = JSON.parse(found) as KeyRecord;
          if (record.fingerprint !== fingerprint)
            throw refusal(
              "IDEMPOTENCY_KEY_REUSED",
              "this Idempotency-Key was sent with a different request; use a new key for a new request",
            );
          if (record.state === "running")
            throw refusal(
              "IDEMPOTENCY_KEY_IN_USE",
              "a request with this Idempotency-Key is still running; wait for it, then send it again",
            );
          replay = record;
        },
        async responseForOperation() {
          if (!replay) return null;
          return {
            body: { kind: "single", singleResult: replay.body },
            http: { status: replay.status, headers: new HeaderMap([[REPLAYED_HEADER, "true"]]) },
          };
        },
        async willSendResponse({ response, contextValue }) {
          if (!claimed) return;
          const { id, fingerprint } = claimed;
          claimed = null;
          try {
            const body = response.body;
            if (body.kind !== "single" || nothingWritten(body.singleResult, contextValue)) {
              await store.release(id);
              return;
            }
            const status = response.http.status;
            const done: KeyRecord = { state: "done", fingerprint, status, body: body.singleResult };
            await store.put(id, JSON.stringify(done), options.ttlMs);
          } catch (error) {
            // The key stays "running" until its lease ends; a retry meanwhile is told to wait.
            log.warn({ reason: (error as Error).message }, "idempotency answer not kept");
          }
        },
      };
    },
  };
}
