// Entities owned elsewhere: District gains a field here; Station and Volunteer are only referenced.
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { VolunteerStatus } from "../../shared/vocabulary";

@ObjectType({ description: "A district of the city (owned by districts)." })
@Directive('@key(fields: "code")')
export class District {
  @Field(() => ID)
  code: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Station {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Volunteer {
  @Field(() => ID)
  id: string;

  /** Owned by corps; the gateway supplies it where a field @requires it (mentorRequirementMet). */
  @Field(() => VolunteerStatus)
  @Directive("@external")
  status?: VolunteerStatus;
}
