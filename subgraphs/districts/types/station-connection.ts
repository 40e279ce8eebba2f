// A page of workstations (total count, page info, nodes), as District.stations returns it.
import { ObjectType } from "type-graphql";
import { Connection } from "../../shared/pagination";
import { Station } from "../entities/station.entity";

@ObjectType({ description: "A page of workstations." })
export class StationConnection extends Connection(Station) {}
