import { ObjectType } from "type-graphql";
import { Connection } from "../../shared/pagination";
import { Platform } from "../entities/platform.entity";

@ObjectType({ description: "A page of platforms." })
export class PlatformConnection extends Connection(Platform) {}
