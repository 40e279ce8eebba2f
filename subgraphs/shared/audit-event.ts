// The one shape of an audit event (docs/domain.md rule 8): who, in which role, when, what, from
// which status to which, why, and the request that caused it. Every event entity of every subgraph
// extends one of these abstract classes with its own table, the foreign key of what it records and
// its own action and status enums; rows are written by shared/audit.ts only, never updated. (These
// base types never reach a schema themselves: type-graphql 2 emits only the types its resolvers
// reach, and a subclass takes the base's fields.)
import { Column, CreateDateColumn, PrimaryGeneratedColumn } from "typeorm";
import { Authorized, Field, ObjectType } from "type-graphql";

/** The columns of every event: the actor, the role, the time, the reason and the request. */
@ObjectType()
export abstract class AuditRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 100 })
  @Field({
    description:
      "Who made the change: the caller's token subject; without a signed-in caller, who acted (enterprise:<masked credit code>, system:<job>).",
  })
  actor: string;

  @Column({ type: "varchar", length: 32, nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "The role the actor acted in; null without a signed-in caller (an enterprise by its credit code, the system) and for changes recorded before roles were kept.",
  })
  actorRole: string | null;

  @CreateDateColumn({ type: "datetime" })
  @Field(() => Date, { description: "When the change was made (UTC)." })
  at: Date;

  @Column({ type: "varchar", length: 1000, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "Why, or what the change did: the reason given, what changed, what it issued.",
  })
  comment: string | null;

  @Column({ type: "varchar", length: 64, nullable: true })
  @Authorized("CITY_ADMIN")
  @Field(() => String, {
    nullable: true,
    description:
      "The id of the request that made the change (the gateway's x-request-id): every change one request made, in any subgraph, carries it. CITY_ADMIN only; null for changes recorded before it was kept.",
  })
  requestId: string | null;

  @Column({ type: "varchar", length: 32, nullable: true })
  @Authorized("CITY_ADMIN")
  @Field(() => String, {
    nullable: true,
    description:
      "The OpenTelemetry trace (hex) of the request that made the change, when tracing was on: the trace shows where that request spent its time. CITY_ADMIN only.",
  })
  traceId: string | null;
}

/** An enum registered with type-graphql (registerEnumType), as the field type of an event. */
type GraphQLEnum = object;

/** An audit event with an action of its own vocabulary. */
export function AuditEvent<A extends string>(Action: GraphQLEnum) {
  @ObjectType()
  abstract class Event extends AuditRecord {
    @Column({ type: "varchar", length: 32 })
    @Field(() => Action, { description: "What was done." })
    action: A;
  }
  return Event;
}

/** An audit event of a record with a lifecycle: the action and the status before and after. */
export function StatusAuditEvent<A extends string, S extends string>(
  Action: GraphQLEnum,
  Status: GraphQLEnum,
) {
  @ObjectType()
  abstract class Event extends AuditEvent<A>(Action) {
    @Column({ type: "varchar", length: 32, nullable: true })
    @Field(() => Status, {
      nullable: true,
      description: "The status before; null for the change that created the record.",
    })
    fromStatus: S | null;

    @Column({ type: "varchar", length: 32 })
    @Field(() => Status, { description: "The status after (the same when only details changed)." })
    toStatus: S;
  }
  return Event;
}
