import type { MigrationInterface, QueryRunner } from "typeorm";

export class DashboardIndexes1796174330629 implements MigrationInterface {
  name = "DashboardIndexes1796174330629";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX \`ix_activity_held\` ON \`activity\` (\`heldOn\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_demand_collected\` ON \`demand\` (\`collectedOn\`)`);
    await queryRunner.query(
      `CREATE INDEX \`ix_demand_district_status\` ON \`demand\` (\`districtCode\`, \`status\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_demand_district_status\` ON \`demand\``);
    await queryRunner.query(`DROP INDEX \`ix_demand_collected\` ON \`demand\``);
    await queryRunner.query(`DROP INDEX \`ix_activity_held\` ON \`activity\``);
  }
}
