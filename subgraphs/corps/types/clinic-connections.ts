import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../shared/pagination";
import { Course } from "../entities/course.entity";
import { Meeting } from "../entities/meeting.entity";
import { MeetingSignUp } from "../entities/meeting-sign-up.entity";

@ObjectType({ description: "A page of micro-video courses, newest first." })
export class CourseConnection extends Connection(Course) {}

@ObjectType({ description: "A page of video meetings, earliest start first." })
export class MeetingConnection extends Connection(Meeting) {}

@ObjectType({ description: "A sign-up, with the meeting's join link for the enterprise." })
export class MeetingSignUpResult {
  @Field(() => MeetingSignUp)
  signUp: MeetingSignUp;

  @Field(() => Meeting)
  meeting: Meeting;

  @Field({ description: "The link to join the meeting at its start." })
  joinUrl: string;
}
