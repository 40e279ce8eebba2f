import { ObjectType } from "type-graphql";
import { Connection } from "../../shared/pagination";
import { CaseStory } from "../entities/case-story.entity";

@ObjectType({ description: "A page of case stories." })
export class CaseStoryConnection extends Connection(CaseStory) {
  /** Reads when the list last changed (resolved only when asked for). */
  lastChanged: () => Promise<Date | null>;
}
