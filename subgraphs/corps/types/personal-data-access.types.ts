import { ArgsType, Field, ID, ObjectType } from "type-graphql";
import { IsOptional, Matches } from "class-validator";
import { Connection, PageArgs } from "../../shared/pagination";
import { PersonalDataAccess } from "../entities/personal-data-access.entity";
import { PersonalDataField } from "../vocabulary";

@ObjectType({ description: "A page of the personal-data access log, newest first." })
export class PersonalDataAccessConnection extends Connection(PersonalDataAccess) {}

@ArgsType()
export class PersonalDataAccessArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only entries about this volunteer." })
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: "volunteerId must be a volunteer's id" })
  volunteerId?: string | null;

  @Field(() => String, { nullable: true, description: "Only what this actor (token subject) saw." })
  @IsOptional()
  actor?: string | null;

  @Field(() => PersonalDataField, { nullable: true, description: "Only this field." })
  @IsOptional()
  field?: PersonalDataField | null;

  @Field(() => Date, { nullable: true, description: "From this instant (inclusive)." })
  @IsOptional()
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: "Before this instant." })
  @IsOptional()
  until?: Date | null;
}
