import type { MigrationInterface, QueryRunner } from "typeorm";
import { rebuildRollups } from "../services/rollups";

/**
 * The demand cube per district × day (the days at a range's edges, which the dashboard read from
 * the demands) and the demands OPEN now per district (counted from the demands on every
 * dashboard), kept like the month rollup, and built from the rows.
 */
export class DemandDayAndOpenRollups1796700000400 implements MigrationInterface {
  name = "DemandDayAndOpenRollups1796700000400";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`demand_day\` (\`districtCode\` varchar(6) NOT NULL, \`day\` varchar(10) NOT NULL, \`category\` varchar(32) NOT NULL, \`focusGroup\` varchar(32) NOT NULL, \`specialised\` tinyint NOT NULL, \`n\` int NOT NULL DEFAULT '0', \`resolved\` int NOT NULL DEFAULT '0', \`open\` int NOT NULL DEFAULT '0', \`ratedSum\` int NOT NULL DEFAULT '0', \`rated\` int NOT NULL DEFAULT '0', \`enterpriseRated\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`districtCode\`, \`day\`, \`category\`, \`focusGroup\`, \`specialised\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`demand_open\` (\`districtCode\` varchar(6) NOT NULL, \`open\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`districtCode\`)) ENGINE=InnoDB`,
    );
    await rebuildRollups(queryRunner.manager, ["demand_day", "demand_open"]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`demand_open\``);
    await queryRunner.query(`DROP TABLE \`demand_day\``);
  }
}
