import type { MigrationInterface, QueryRunner } from "typeorm";

export class CoveringDashboardIndexes1796199966891 implements MigrationInterface {
  name = "CoveringDashboardIndexes1796199966891";

  // The new covering indexes first, then the ones they supersede (their leading columns): the
  // dashboard's queries are never without an index while this runs.
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX \`ix_activity_held_served\` ON \`activity\` (\`heldOn\`, \`enterprisesServed\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`ix_activity_district_held_served\` ON \`activity\` (\`districtCode\`, \`heldOn\`, \`enterprisesServed\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`ix_demand_collected_cube\` ON \`demand\` (\`collectedOn\`, \`category\`, \`focusGroup\`, \`specialised\`, \`status\`, \`satisfaction\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`ix_participation_activity_hours\` ON \`participation\` (\`activityId\`, \`verified\`, \`hours\`)`,
    );
    await queryRunner.query(`DROP INDEX \`ix_activity_district_held\` ON \`activity\``);
    await queryRunner.query(`DROP INDEX \`ix_activity_held\` ON \`activity\``);
    await queryRunner.query(`DROP INDEX \`ix_demand_collected\` ON \`demand\``);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_participation_activity_hours\` ON \`participation\``);
    await queryRunner.query(`DROP INDEX \`ix_demand_collected_cube\` ON \`demand\``);
    await queryRunner.query(`DROP INDEX \`ix_activity_district_held_served\` ON \`activity\``);
    await queryRunner.query(`DROP INDEX \`ix_activity_held_served\` ON \`activity\``);
    await queryRunner.query(`CREATE INDEX \`ix_demand_collected\` ON \`demand\` (\`collectedOn\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_activity_held\` ON \`activity\` (\`heldOn\`)`);
    await queryRunner.query(
      `CREATE INDEX \`ix_activity_district_held\` ON \`activity\` (\`districtCode\`, \`heldOn\`)`,
    );
  }
}
