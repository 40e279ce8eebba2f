import { ObjectType } from "type-graphql";
import { Connection } from "../../shared/pagination";
import { ServicePlan } from "../entities/service-plan.entity";

@ObjectType({ description: "A page of public-service plans." })
export class ServicePlanConnection extends Connection(ServicePlan) {}
