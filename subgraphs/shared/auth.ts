// Authorisation inside a subgraph: type-graphql's @Authorized goes through authChecker, resolvers
// take the caller as a parameter (@CurrentCaller), and district writes are guarded by one
// decorator (@DistrictWriter). The caller comes from the gateway's credential (caller.ts).
//
// The self-service roles (ENTERPRISE, VOLUNTEER) are signed in, but for everybody else's data
// they are the public: `@Authorized()` without roles means the programme's staff,
// `@CurrentCaller({ optional: true })` gives null for them (what an anonymous caller sees) and
// `@CurrentCaller()` refuses them (FORBIDDEN), unless a resolver says `allRoles: true` (it is
// meant for them and applies their binding, or checks roles against an allow-list itself). Code written before these roles existed,
// which took "signed in" to mean "staff", stays right without knowing of them.
import {
  createMethodMiddlewareDecorator,
  createParameterDecorator,
  type AuthChecker,
} from "type-graphql";
import { isSelfService, isStaff, type Caller, type Role } from "../../runtime/auth";
import { forbidden, unauthenticated } from "../../runtime/errors";

export interface AuthContext {
  caller: Caller | null;
}

const staffOnly = (caller: Caller) =>
  forbidden(`this is for the programme's staff; you are signed in as ${caller.role}`);

/**
 * type-graphql's @Authorized(roles): no caller is UNAUTHENTICATED, the wrong role FORBIDDEN.
 * @Authorized() without roles admits the staff (and the hub's services), not the self-service roles.
 */
export const authChecker: AuthChecker<AuthContext, Role> = ({ context }, roles) => {
  const caller = context.caller;
  if (!caller) throw unauthenticated();
  if (!roles.length) {
    if (!isStaff(caller)) throw staffOnly(caller);
    return true;
  }
  if (!roles.includes(caller.role)) {
    throw forbidden(`this needs one of the roles ${roles.join(", ")}; you are ${caller.role}`);
  }
  return true;
};

export function requireCaller(context: AuthContext): Caller {
  if (!context.caller) throw unauthenticated();
  return context.caller;
}

export interface CallerOptions {
  /** Anonymous callers get null instead of UNAUTHENTICATED. */
  optional?: boolean;
  /**
   * The resolver gets ENTERPRISE/VOLUNTEER callers as they are: it is meant for them and applies
   * their binding, or it checks roles against an allow-list itself (so they get FORBIDDEN, not
   * the anonymous caller's UNAUTHENTICATED).
   */
  allRoles?: boolean;
}

/**
 * The verified caller as a resolver parameter. `@CurrentCaller()` refuses anonymous callers
 * (UNAUTHENTICATED); `@CurrentCaller({ optional: true })` gives null for them. A self-service
 * caller counts as anonymous (optional) or is refused (FORBIDDEN) unless `allRoles: true`.
 */
export function CurrentCaller(options: CallerOptions = {}) {
  return createParameterDecorator<AuthContext>(({ context }) => {
    const caller = context.caller;
    if (isSelfService(caller) && !options.allRoles) {
      if (options.optional) return null;
      throw staffOnly(caller);
    }
    return options.optional ? caller : requireCaller(context);
  });
}

/**
 * The caller as the visibility rules of entity references see it: a self-service caller is the
 * public there (what `@CurrentCaller({ optional: true })` gives resolvers).
 */
export const viewerOf = (context: AuthContext): Caller | null =>
  isSelfService(context.caller) ? null : context.caller;

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

/**
 * A mutation that writes the district named by one of its arguments: CITY_ADMIN any, a
 * DISTRICT_OPERATOR its own; anyone else is refused before the resolver runs (no caller:
 * UNAUTHENTICATED; another role or district: FORBIDDEN). The one check of the writer's role.
 */
export function DistrictWriter(districtArg: string) {
  return createMethodMiddlewareDecorator<AuthContext>(({ args, context }, next) => {
    assertDistrictWriter(requireCaller(context), String(args[districtArg]));
    return next();
  });
}
