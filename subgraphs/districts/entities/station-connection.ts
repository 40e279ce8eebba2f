import { ObjectType } from "type-graphql";
import { Connection } from "../../shared/pagination";
import { Station } from "./station.entity";

@ObjectType({ description: "A page of workstations." })
export class StationConnection extends Connection(Station) {}
