import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  Matches,
  ValidateBy,
} from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { Chars } from "../../shared/validation/chars";
import { DISTRICTS, ServiceCategory } from "../../shared/vocabulary";
import { LIMITS, malformedIdsProblem, repeatedIdsProblem } from "../services/story-content";

/** A rule over a list of ids whose problem (null: none) is its message. */
const idRule = (name: string, problem: (ids: string[]) => string | null) =>
  ValidateBy({
    name,
    validator: {
      validate: (ids: unknown) => Array.isArray(ids) && problem(ids.map(String)) === null,
      defaultMessage: (args) =>
        (Array.isArray(args?.value) && problem(args.value.map(String))) || "must be a list of ids",
    },
  });

// Messages do not start with the field: the error boundary (subgraphs/shared/format-error.ts)
// writes it in front ("volunteerIds: each id may appear only once; …").
const idList = () =>
  [
    ArrayMaxSize(LIMITS.references, {
      message: `a story refers to at most ${LIMITS.references} of them`,
    }),
    idRule("referenceIds", malformedIdsProblem),
    // Ids are compared as the rows they name: "7" and "007" are one id, given twice.
    idRule("uniqueReferenceIds", repeatedIdsProblem),
  ] as PropertyDecorator[];

const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorate) => decorate(target, key));

@InputType({
  description:
    "A case story's content. Every referenced id must exist (checked with its owner through the gateway).",
})
export class CaseStoryInput {
  @Field({ description: `Headline, 1 to ${LIMITS.title} characters.` })
  @Matches(/\S/, { message: "title must not be blank" })
  @Chars(0, LIMITS.title)
  title: string;

  @Field({ description: `A paragraph for lists and feeds, 1 to ${LIMITS.summary} characters.` })
  @Matches(/\S/, { message: "summary must not be blank" })
  @Chars(0, LIMITS.summary)
  summary: string;

  @Field({ description: `The full text, 1 to ${LIMITS.body} characters (plain text).` })
  @Matches(/\S/, { message: "body must not be blank" })
  @Chars(0, LIMITS.body)
  body: string;

  @Field(() => [ServiceCategory], { description: "1 to 10 service categories, no repeats." })
  @ArrayMinSize(1, { message: "choose at least one service category" })
  @ArrayMaxSize(10, { message: "choose at most 10 service categories" })
  @ArrayUnique({ message: "each category may appear only once" })
  categories: ServiceCategory[];

  @Field(() => ID, { description: "The district the story is about, e.g. 440305." })
  @IsIn(DISTRICTS.map((d) => d.code), {
    message: "districtCode must be one of Shenzhen's district codes, e.g. 440305 (南山区)",
  })
  districtCode: string;

  @Field(() => [ID], { defaultValue: [], description: "Volunteers the story is about." })
  @apply(idList())
  volunteerIds: string[];

  @Field(() => [ID], { defaultValue: [], description: "Stations the story is about." })
  @apply(idList())
  stationIds: string[];

  @Field(() => [ID], { defaultValue: [], description: "Platforms the story is about." })
  @apply(idList())
  platformIds: string[];

  @Field(() => [ID], { defaultValue: [], description: "Activities the story is about." })
  @apply(idList())
  activityIds: string[];
}
