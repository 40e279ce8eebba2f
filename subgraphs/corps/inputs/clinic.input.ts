// Inputs of the online clinic's corps side: the service menu, courses, meetings and sign-ups.
import { Field, ID, InputType, Int } from "type-graphql";
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsOptional,
  Matches,
  Max,
  Min,
} from "class-validator";
import { Chars } from "../../shared/validation/chars";
import { MOBILE } from "../../shared/validation/phone";
import { ServiceCategory, ServiceForm } from "../../shared/vocabulary";

export const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const URL_MESSAGE = "url must be an http(s) address, e.g. https://meeting.example.cn/j/123";
const DISTRICT = /^\d{6}$/;

@InputType({ description: "An entry of the service menu." })
export class ServiceMenuItemInput {
  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Field({ description: "2-60 characters." })
  @Chars(2, 60, { message: "title must be 2-60 characters" })
  title: string;

  @Field({ description: "2-500 characters." })
  @Chars(2, 500, { message: "description must be 2-500 characters" })
  description: string;

  @Field(() => [ServiceForm], { description: "How it can be held: ONLINE, OFFLINE or both." })
  @ArrayMinSize(1, { message: "forms: choose ONLINE, OFFLINE or both" })
  @ArrayMaxSize(2)
  @ArrayUnique({ message: "forms: each form may appear only once" })
  forms: ServiceForm[];

  @Field(() => Int, { description: "Usual length of one session, 15-480 minutes." })
  @Min(15, { message: "durationMinutes must be 15-480" })
  @Max(480, { message: "durationMinutes must be 15-480" })
  durationMinutes: number;
}

@InputType({ description: "A micro-video course (微视频课程)." })
export class CourseInput {
  @Field({ description: "2-100 characters." })
  @Chars(2, 100, { message: "title must be 2-100 characters" })
  title: string;

  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Field(() => ID, { description: "The expert who gives it: an APPOINTED volunteer." })
  @Matches(/^\d{1,9}$/, { message: "volunteerId must be a volunteer's id" })
  volunteerId: string;

  @Field({ description: "Where the video is: an http(s) address." })
  @Matches(HTTP_URL, { message: URL_MESSAGE })
  @Chars(0, 500)
  url: string;

  @Field(() => Int, { description: "Length in minutes, 1-180." })
  @Min(1, { message: "durationMinutes must be 1-180" })
  @Max(180, { message: "durationMinutes must be 1-180" })
  durationMinutes: number;

  @Field(() => ID, {
    nullable: true,
    description:
      "The district it is counted for; default: the district of the expert's regional branch (none for an industry branch).",
  })
  @IsOptional()
  @Matches(DISTRICT, { message: "districtCode must be a 6-digit district code, e.g. 440305" })
  districtCode?: string | null;
}

@InputType({ description: "A video meeting (视频会议) to schedule." })
export class MeetingInput {
  @Field({ description: "2-100 characters." })
  @Chars(2, 100, { message: "title must be 2-100 characters" })
  title: string;

  @Field(() => ServiceCategory)
  category: ServiceCategory;

  @Field(() => ID, { description: "The hosting expert: an APPOINTED volunteer." })
  @Matches(/^\d{1,9}$/, { message: "volunteerId must be a volunteer's id" })
  volunteerId: string;

  @Field(() => Date, { description: "When it starts; in the future, within a year." })
  startsAt: Date;

  @Field(() => Int, { description: "Planned length, 15-480 minutes." })
  @Min(15, { message: "durationMinutes must be 15-480" })
  @Max(480, { message: "durationMinutes must be 15-480" })
  durationMinutes: number;

  @Field({ description: "The join link (http or https); given to those who sign up." })
  @Matches(HTTP_URL, { message: URL_MESSAGE })
  @Chars(0, 500)
  url: string;

  @Field(() => Int, { description: "How many enterprises can sign up, 1-1000." })
  @Min(1, { message: "capacity must be 1-1000" })
  @Max(1000, { message: "capacity must be 1-1000" })
  capacity: number;

  @Field(() => ID, {
    nullable: true,
    description:
      "The district it is counted for; default: the district of the host's regional branch.",
  })
  @IsOptional()
  @Matches(DISTRICT, { message: "districtCode must be a 6-digit district code, e.g. 440305" })
  districtCode?: string | null;
}

@InputType({ description: "An enterprise signing up for a video meeting." })
export class MeetingSignUpInput {
  @Field({ description: "The enterprise, 2-200 characters." })
  @Chars(2, 200, { message: "enterpriseName must be 2-200 characters" })
  enterpriseName: string;

  @Field({ description: "Who will join, 1-60 characters (personal data)." })
  @Matches(/\S/, { message: "contactName must not be blank" })
  @Chars(1, 60, { message: "contactName must be 1-60 characters" })
  contactName: string;

  @Field({ description: "Mainland mobile number (personal data)." })
  @Matches(MOBILE, {
    message:
      "contactPhone must be an 11-digit mainland mobile number starting 13-19, e.g. 13812345678",
  })
  contactPhone: string;
}
