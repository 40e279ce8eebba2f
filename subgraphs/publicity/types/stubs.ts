// Entities owned elsewhere. District, Volunteer, Station and Platform gain fields here (published
// story counts, the stories about them); Activity is only referenced. No descriptions: the owner's
// describe the type in the supergraph.
import { Directive, Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "A district of the city (owned by districts)." })
@Directive('@key(fields: "code")')
export class District {
  @Field(() => ID)
  code: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Volunteer {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Station {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Platform {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Activity {
  @Field(() => ID)
  id: string;
}
