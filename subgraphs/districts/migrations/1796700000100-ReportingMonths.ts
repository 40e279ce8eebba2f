import type { MigrationInterface, QueryRunner } from "typeorm";

/** Closed reporting months (docs/reports.md): revisions, their station figures, what moved, events. */
export class ReportingMonths1796700000100 implements MigrationInterface {
  name = "ReportingMonths1796700000100";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`reporting_month\` (\`id\` int NOT NULL AUTO_INCREMENT, \`month\` varchar(7) NOT NULL, \`revision\` int NOT NULL, \`closedAt\` datetime(6) NOT NULL, \`closedBy\` varchar(100) NOT NULL, \`stationCount\` int NOT NULL, UNIQUE INDEX \`uq_reporting_month_revision\` (\`month\`, \`revision\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`station_monthly_report\` (\`id\` int NOT NULL AUTO_INCREMENT, \`month\` varchar(7) NOT NULL, \`revision\` int NOT NULL, \`stationId\` int NOT NULL, \`districtCode\` varchar(6) NOT NULL, \`activities\` int NOT NULL, \`enterprisesServed\` int NOT NULL, \`serviceHours\` decimal(10,2) NOT NULL, \`demandsCollected\` int NOT NULL, \`demandsResolved\` int NOT NULL, \`satisfactionSum\` int NOT NULL, \`ratedDemands\` int NOT NULL, \`idle\` tinyint NOT NULL, INDEX \`ix_station_monthly_report_district\` (\`month\`, \`revision\`, \`districtCode\`), INDEX \`ix_station_monthly_report_station\` (\`stationId\`, \`month\`), UNIQUE INDEX \`uq_station_monthly_report\` (\`month\`, \`revision\`, \`stationId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`district_monthly_report\` (\`id\` int NOT NULL AUTO_INCREMENT, \`month\` varchar(7) NOT NULL, \`revision\` int NOT NULL, \`districtCode\` varchar(6) NOT NULL, \`activities\` int NOT NULL, \`enterprisesServed\` int NOT NULL, \`serviceHours\` decimal(12,2) NOT NULL, \`demandsCollected\` int NOT NULL, \`demandsResolved\` int NOT NULL, \`satisfactionSum\` int NOT NULL, \`ratedDemands\` int NOT NULL, \`idleStations\` int NOT NULL, UNIQUE INDEX \`uq_district_monthly_report\` (\`month\`, \`revision\`, \`districtCode\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`station_report_change\` (\`id\` int NOT NULL AUTO_INCREMENT, \`month\` varchar(7) NOT NULL, \`revision\` int NOT NULL, \`stationId\` int NULL, \`districtCode\` varchar(6) NOT NULL, \`moved\` text NOT NULL, \`causes\` text NOT NULL, INDEX \`ix_station_report_change_month\` (\`month\`, \`revision\`, \`districtCode\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`reporting_month_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actor\` varchar(100) NOT NULL, \`actorRole\` varchar(32) NULL, \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`comment\` varchar(1000) NULL, \`requestId\` varchar(64) NULL, \`traceId\` varchar(32) NULL, \`action\` varchar(32) NOT NULL, \`month\` varchar(7) NOT NULL, \`revision\` int NOT NULL, INDEX \`ix_reporting_month_event_month\` (\`month\`, \`revision\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`reporting_month_event\``);
    await queryRunner.query(`DROP TABLE \`station_report_change\``);
    await queryRunner.query(`DROP TABLE \`district_monthly_report\``);
    await queryRunner.query(`DROP TABLE \`station_monthly_report\``);
    await queryRunner.query(`DROP TABLE \`reporting_month\``);
  }
}
