// The federation stub of corps' Volunteer: only its key lives here; districts adds its hours.
import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The corps' Volunteer, to which this subgraph contributes service hours and activities. */
@ObjectType({ description: "An expert volunteer (owned by corps)." })
@Directive('@key(fields: "id")')
export class Volunteer {
  @Field(() => ID)
  id: string;
}
