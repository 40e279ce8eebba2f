import type { MigrationInterface, QueryRunner } from "typeorm";

/** The platforms' annual report (docs/reports.md): closed years, their platforms' rows, events. */
export class PlatformYears1796700000000 implements MigrationInterface {
  name = "PlatformYears1796700000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`platform_year\` (\`id\` int NOT NULL AUTO_INCREMENT, \`year\` int NOT NULL, \`revision\` int NOT NULL, \`closedAt\` datetime(6) NOT NULL, \`closedBy\` varchar(100) NOT NULL, \`platformCount\` int NOT NULL, UNIQUE INDEX \`uq_platform_year_revision\` (\`year\`, \`revision\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`platform_annual_report\` (\`id\` int NOT NULL AUTO_INCREMENT, \`year\` int NOT NULL, \`revision\` int NOT NULL, \`platformId\` int NOT NULL, \`districtCode\` varchar(6) NOT NULL, \`mentorCount\` int NOT NULL, \`mentorMinimum\` int NOT NULL, \`mentorMinimumMetAllYear\` tinyint NULL, \`plansFiled\` int NOT NULL, \`plansCarriedOut\` int NOT NULL, \`reviewScore\` int NULL, \`sourceStationId\` int NULL, \`activities\` int NOT NULL, \`enterprisesServed\` int NOT NULL, \`serviceHours\` decimal(10,2) NOT NULL, \`moved\` text NOT NULL, UNIQUE INDEX \`uq_platform_annual_report\` (\`year\`, \`revision\`, \`platformId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`platform_year_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actor\` varchar(100) NOT NULL, \`actorRole\` varchar(32) NULL, \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`comment\` varchar(1000) NULL, \`requestId\` varchar(64) NULL, \`traceId\` varchar(32) NULL, \`action\` varchar(32) NOT NULL, \`year\` int NOT NULL, \`revision\` int NOT NULL, INDEX \`ix_platform_year_event_year\` (\`year\`, \`revision\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`platform_year_event\``);
    await queryRunner.query(`DROP TABLE \`platform_annual_report\``);
    await queryRunner.query(`DROP TABLE \`platform_year\``);
  }
}
