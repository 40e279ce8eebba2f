// Outputs of the volunteer's record in districts: a page of corrections, and one line of the
// service record (an activity with the volunteer's hours there).
import { Field, Float, ObjectType } from "type-graphql";
import { Connection } from "../../shared/pagination";
import { Activity } from "../entities/activity.entity";
import { RecordCorrection } from "../entities/record-correction.entity";

@ObjectType({ description: "A page of record corrections." })
export class RecordCorrectionConnection extends Connection(RecordCorrection) {}

@ObjectType({ description: "One activity of a volunteer's service record, with its hours there." })
export class ServiceRecordEntry {
  @Field(() => Activity)
  activity: Activity;

  @Field(() => Float, { description: "The hours recorded for the volunteer at the activity." })
  hours: number;

  @Field({
    description:
      "Whether they count (docs/domain.md rule 3: appointed under a valid agreement on the day).",
  })
  counted: boolean;
}
