import { Field, InputType } from "type-graphql";
import { Chars } from "../../shared/validation/chars";
import { DateScalar } from "../../shared/scalars";
import { Outlet } from "../vocabulary";
import { LIMITS } from "../services/story-content";

@InputType({ description: "Media coverage of a published story." })
export class CoverageInput {
  @Field(() => Outlet)
  outlet: Outlet;

  @Field({
    description: `The article, broadcast or post: the outlet's public http(s) link (no local or private host), at most ${LIMITS.url} characters; the same link once per story, however it is written.`,
  })
  @Chars(1, LIMITS.url)
  url: string;

  @Field(() => DateScalar, {
    description: "When the outlet published it (Shenzhen date), not in the future.",
  })
  publishedOn: string;
}
