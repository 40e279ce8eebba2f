// A person signed in at the provider without a hub role is an APPLICANT (gateway/identity.ts).
// Once the corps office appointed the volunteer it applied as (applyToCorps), the same sign-in
// acts as that VOLUNTEER without a new account: the gateway asks corps, as the hub's own service
// and with a checked operation (operations/applicant-binding.graphql), which volunteer is bound to
// the caller's subject. A binding never changes once made, so found ones are kept in memory; an
// identity not appointed yet is asked again on its next request. When corps cannot answer, the
// caller stays an APPLICANT (it reaches less, never more).
import { randomUUID } from "node:crypto";
import type { ApolloServer } from "@apollo/server";
import type { Caller } from "../runtime/auth";
import type { Logger } from "../runtime/log";
import type { GatewayContext } from "./context";
import { routeOperation, runOperation } from "./routes/operation";

const APPLICANT_BINDING = routeOperation("applicant-binding");
const KEPT = 10_000;

export type ApplicantBinder = (caller: Caller) => Promise<Caller>;

export function applicantBinder(
  apollo: ApolloServer<GatewayContext>,
  log: Logger,
): ApplicantBinder {
  const bound = new Map<string, string>();
  return async (caller) => {
    if (caller.role !== "APPLICANT") return caller;
    let volunteerId = bound.get(caller.sub);
    if (!volunteerId) {
      try {
        const data = await runOperation<{ appointedVolunteerBoundTo: { id: string } | null }>(
          apollo,
          APPLICANT_BINDING,
          {
            variables: { subject: caller.sub },
            context: {
              caller: { sub: "service:gateway", role: "SERVICE" },
              ip: "127.0.0.1",
              requestId: `applicant-binding-${randomUUID()}`,
            },
          },
        );
        volunteerId = data.appointedVolunteerBoundTo?.id;
      } catch (error) {
        log.warn(
          { err: error },
          "cannot ask corps whether an applicant was appointed; it stays APPLICANT",
        );
        return caller;
      }
      if (!volunteerId) return caller;
      if (bound.size >= KEPT) bound.clear();
      bound.set(caller.sub, volunteerId);
    }
    return { sub: caller.sub, role: "VOLUNTEER", volunteerId };
  };
}
