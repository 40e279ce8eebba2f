// Entities owned elsewhere: District gains corps' volunteer count here.
import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The districts subgraph's District, to which corps contributes its volunteer count. */
@ObjectType({ description: "A district of the city (owned by districts)." })
@Directive('@key(fields: "code")')
export class District {
  @Field(() => ID)
  code: string;
}
