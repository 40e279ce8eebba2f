// The dashboard's rollups (docs/performance.md): per district and month, maintained in the same
// transaction as every write they summarise (services/rollups.ts), never read by GraphQL.
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** Activities held, enterprises served and verified hours (in cents) per district × month × category. */
@Entity("activity_month")
@Index("ix_activity_month_month", ["month"])
export class ActivityMonth {
  @PrimaryColumn({ type: "varchar", length: 6 })
  districtCode: string;

  @PrimaryColumn({ type: "varchar", length: 7 })
  month: string;

  @PrimaryColumn({ type: "varchar", length: 32 })
  category: string;

  @Column({ type: "int", default: 0 })
  activities: number;

  @Column({ type: "int", default: 0 })
  enterprisesServed: number;

  @Column({ type: "bigint", default: 0 })
  hourCents: number;
}

/** The same per district × day, for the days at a range's edges outside whole months. */
@Entity("activity_day")
@Index("ix_activity_day_day", ["day"])
export class ActivityDay {
  @PrimaryColumn({ type: "varchar", length: 6 })
  districtCode: string;

  @PrimaryColumn({ type: "varchar", length: 10 })
  day: string;

  @PrimaryColumn({ type: "varchar", length: 32 })
  category: string;

  @Column({ type: "int", default: 0 })
  activities: number;

  @Column({ type: "int", default: 0 })
  enterprisesServed: number;

  @Column({ type: "bigint", default: 0 })
  hourCents: number;
}

/** The demand cube's sums, kept per district × month (DemandMonth) and × day (DemandDay). */
abstract class DemandSums {
  @Column({ type: "int", default: 0 })
  n: number;

  @Column({ type: "int", default: 0 })
  resolved: number;

  @Column({ type: "int", default: 0 })
  open: number;

  @Column({ type: "int", default: 0 })
  ratedSum: number;

  @Column({ type: "int", default: 0 })
  rated: number;

  /** Of the rated, those the enterprise rated itself (rateDemand). */
  @Column({ type: "int", default: 0 })
  enterpriseRated: number;
}

/**
 * Demands collected per district × month × the demand cube's cell ('' for no focus group); the
 * city's rows (all districts together) under districtCode '*', so that a city read stays small.
 */
@Entity("demand_month")
@Index("ix_demand_month_month", ["month"])
export class DemandMonth extends DemandSums {
  @PrimaryColumn({ type: "varchar", length: 6 })
  districtCode: string;

  @PrimaryColumn({ type: "varchar", length: 7 })
  month: string;

  @PrimaryColumn({ type: "varchar", length: 32 })
  category: string;

  @PrimaryColumn({ type: "varchar", length: 32 })
  focusGroup: string;

  @PrimaryColumn({ type: "boolean" })
  specialised: boolean;
}

/** The same cube per district × day, for the days at a range's edges outside whole months. */
@Entity("demand_day")
export class DemandDay extends DemandSums {
  @PrimaryColumn({ type: "varchar", length: 6 })
  districtCode: string;

  @PrimaryColumn({ type: "varchar", length: 10 })
  day: string;

  @PrimaryColumn({ type: "varchar", length: 32 })
  category: string;

  @PrimaryColumn({ type: "varchar", length: 32 })
  focusGroup: string;

  @PrimaryColumn({ type: "boolean" })
  specialised: boolean;
}

/** Demands OPEN now per district, whatever their collection date (District.openDemandCount). */
@Entity("demand_open")
export class DemandOpen {
  @PrimaryColumn({ type: "varchar", length: 6 })
  districtCode: string;

  @Column({ type: "int", default: 0 })
  open: number;
}
