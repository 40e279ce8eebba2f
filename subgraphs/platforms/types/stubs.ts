// Entities owned elsewhere: District and Volunteer gain fields here; Station is only referenced.
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

@ObjectType({ description: "An expert volunteer (owned by corps); platforms adds `mentoring`." })
@Directive('@key(fields: "id")')
export class Volunteer {
  @Field(() => ID)
  id: string;

  /** Owned by corps; the gateway supplies it where a field @requires it (mentorRequirementMet). */
  @Field(() => VolunteerStatus)
  @Directive("@external")
  status?: VolunteerStatus;
}
