// Authorisation inside a subgraph: type-graphql's @Authorized goes through authChecker, resolvers
// take the caller as a parameter (@CurrentCaller), and district writes are checked in one place.
// Token verification itself is the runtime's (runtime/auth.ts), shared with the gateway.
import { createParameterDecorator, type AuthChecker } from "type-graphql";
import type { Caller, Role } from "../../runtime/auth";
import { forbidden, unauthenticated } from "../../runtime/errors";

export interface AuthContext {
  caller: Caller | null;
}

/** type-graphql's @Authorized(roles): no caller is UNAUTHENTICATED, the wrong role FORBIDDEN. */
export const authChecker: AuthChecker<AuthContext, Role> = ({ context }, roles) => {
  if (!context.caller) throw unauthenticated();
  if (roles.length && !roles.includes(context.caller.role)) {
    throw forbidden(
      `this needs one of the roles ${roles.join(", ")}; you are ${context.caller.role}`,
    );
  }
  return true;
};

export function requireCaller(context: AuthContext): Caller {
  if (!context.caller) throw unauthenticated();
  return context.caller;
}

/**
 * The verified caller as a resolver parameter. `@CurrentCaller()` refuses anonymous callers
 * (UNAUTHENTICATED); `@CurrentCaller({ optional: true })` gives null for them.
 */
export function CurrentCaller(options: { optional?: boolean } = {}) {
  return createParameterDecorator<AuthContext>(({ context }) =>
    options.optional ? context.caller : requireCaller(context),
  );
}

/** District operators write only their own district; the city admin writes any. */
export function assertDistrictWriter(caller: Caller, districtCode: string): Caller {
  if (caller.role === "CITY_ADMIN") return caller;
  if (caller.role === "DISTRICT_OPERATOR" && caller.district === districtCode) return caller;
  throw forbidden(
    caller.role === "DISTRICT_OPERATOR"
      ? `you operate district ${caller.district} and cannot write district ${districtCode}`
      : `role ${caller.role} cannot write district data`,
  );
}
