import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Following a demand to the end (issue 28): online submissions without a station yet, the deadline
 * of the step it waits on and its finished steps (督办, on-time rate), the escalation mark, and
 * whether the satisfaction is the enterprise's own rating.
 */
export class DemandFollowUp1796700000000 implements MigrationInterface {
  name = "DemandFollowUp1796700000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`demand\` MODIFY \`stationId\` int NULL`);
    await queryRunner.query(
      `ALTER TABLE \`demand\` ADD \`channel\` varchar(16) NOT NULL DEFAULT 'STATION', ADD \`dueOn\` date NULL, ADD \`stepsDone\` int NOT NULL DEFAULT 0, ADD \`stepsLate\` int NOT NULL DEFAULT 0, ADD \`escalatedAt\` datetime NULL, ADD \`ratedByEnterprise\` tinyint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `CREATE INDEX \`ix_demand_district_due\` ON \`demand\` (\`districtCode\`, \`dueOn\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_demand_district_due\` ON \`demand\``);
    await queryRunner.query(
      `ALTER TABLE \`demand\` DROP COLUMN \`channel\`, DROP COLUMN \`dueOn\`, DROP COLUMN \`stepsDone\`, DROP COLUMN \`stepsLate\`, DROP COLUMN \`escalatedAt\`, DROP COLUMN \`ratedByEnterprise\``,
    );
    await queryRunner.query(`ALTER TABLE \`demand\` MODIFY \`stationId\` int NOT NULL`);
  }
}
