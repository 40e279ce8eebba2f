import type { MigrationInterface, QueryRunner } from "typeorm";
import { rebuildRollups } from "../services/rollups";

/** The dashboard's district × month (and × day) rollups and each station's last demand date, from the rows. */
export class DashboardRollups1796700000200 implements MigrationInterface {
  name = "DashboardRollups1796700000200";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`activity_month\` (\`districtCode\` varchar(6) NOT NULL, \`month\` varchar(7) NOT NULL, \`category\` varchar(32) NOT NULL, \`activities\` int NOT NULL DEFAULT '0', \`enterprisesServed\` int NOT NULL DEFAULT '0', \`hourCents\` bigint NOT NULL DEFAULT '0', PRIMARY KEY (\`districtCode\`, \`month\`, \`category\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`demand_month\` (\`districtCode\` varchar(6) NOT NULL, \`month\` varchar(7) NOT NULL, \`category\` varchar(32) NOT NULL, \`focusGroup\` varchar(32) NOT NULL, \`specialised\` tinyint NOT NULL, \`n\` int NOT NULL DEFAULT '0', \`resolved\` int NOT NULL DEFAULT '0', \`open\` int NOT NULL DEFAULT '0', \`ratedSum\` int NOT NULL DEFAULT '0', \`rated\` int NOT NULL DEFAULT '0', \`enterpriseRated\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`districtCode\`, \`month\`, \`category\`, \`focusGroup\`, \`specialised\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`activity_day\` (\`districtCode\` varchar(6) NOT NULL, \`day\` varchar(10) NOT NULL, \`category\` varchar(32) NOT NULL, \`activities\` int NOT NULL DEFAULT '0', \`enterprisesServed\` int NOT NULL DEFAULT '0', \`hourCents\` bigint NOT NULL DEFAULT '0', PRIMARY KEY (\`districtCode\`, \`day\`, \`category\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`CREATE INDEX \`ix_activity_day_day\` ON \`activity_day\` (\`day\`)`);
    await queryRunner.query(`ALTER TABLE \`station\` ADD \`lastDemandOn\` date NULL`);
    await queryRunner.query(
      `CREATE INDEX \`ix_station_idle\` ON \`station\` (\`districtCode\`, \`status\`, \`lastDemandOn\`, \`filedAt\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`ix_activity_month_month\` ON \`activity_month\` (\`month\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`ix_demand_month_month\` ON \`demand_month\` (\`month\`)`,
    );
    await rebuildRollups(queryRunner.manager, [
      "activity_month",
      "activity_day",
      "demand_month",
      "station",
    ]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_station_idle\` ON \`station\``);
    await queryRunner.query(`ALTER TABLE \`station\` DROP COLUMN \`lastDemandOn\``);
    await queryRunner.query(`DROP TABLE \`demand_month\``);
    await queryRunner.query(`DROP TABLE \`activity_day\``);
    await queryRunner.query(`DROP TABLE \`activity_month\``);
  }
}
