import { ObjectType } from "type-graphql";
import { Connection } from "../../shared/pagination";
import { Volunteer } from "../entities/volunteer.entity";

@ObjectType({ description: "A page of volunteers (the expert directory)." })
export class VolunteerConnection extends Connection(Volunteer) {}
