// What a batch publish did: rows created, updated and unchanged, and the rejected ones with why.
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A row of a batch that was not written, and why." })
export class Rejected {
  @Field(() => Int, { description: "The row's position in the batch, from 0." })
  index: number;

  @Field(() => String, { nullable: true })
  externalId: string | null;

  @Field({ description: "What is wrong, in words a clerk can act on." })
  message: string;
}

@ObjectType({
  description: "What a batch publish did: valid rows are written, invalid ones reported.",
})
export class PublishResult {
  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int, {
    description: "Rows identical to what the hub already holds; nothing written.",
  })
  unchanged: number;

  @Field(() => [Rejected])
  rejected: Rejected[];
}
