// Pages of a closed month's station reports.
import { ObjectType } from "type-graphql";
import { Connection } from "../../shared/pagination";
import { StationMonthlyReport } from "../entities/station-monthly-report.entity";

@ObjectType({ description: "A page of a closed month's station reports." })
export class StationMonthlyReportConnection extends Connection(StationMonthlyReport) {}
