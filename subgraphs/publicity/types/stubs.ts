// Entities owned elsewhere: District gains a field here; the others are only referenced.
import { Directive, Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "A district of the city (owned by districts)." })
@Directive('@key(fields: "code")')
export class District {
  @Field(() => ID)
  code: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Volunteer {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Station {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
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
