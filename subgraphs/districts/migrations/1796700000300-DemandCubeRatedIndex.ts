import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The demand cube's index over collection dates gains ratedByEnterprise: the cube of the raw rows
 * in a range's partial months (rawDemandCube, the dashboard's demandStats) counts the demands an
 * enterprise rated, and without that column every row in the range was read from the table too.
 * The new index is built before the old one goes, so ranges of collection dates keep one.
 */
export class DemandCubeRatedIndex1796700000300 implements MigrationInterface {
  name = "DemandCubeRatedIndex1796700000300";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX \`ix_demand_collected_cube_rated\` ON \`demand\` (\`collectedOn\`, \`category\`, \`focusGroup\`, \`specialised\`, \`status\`, \`satisfaction\`, \`ratedByEnterprise\`)`,
    );
    await queryRunner.query(`DROP INDEX \`ix_demand_collected_cube\` ON \`demand\``);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX \`ix_demand_collected_cube\` ON \`demand\` (\`collectedOn\`, \`category\`, \`focusGroup\`, \`specialised\`, \`status\`, \`satisfaction\`)`,
    );
    await queryRunner.query(`DROP INDEX \`ix_demand_collected_cube_rated\` ON \`demand\``);
  }
}
