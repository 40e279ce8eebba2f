import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The volunteers' (branchId, status) index gains expertType: the corps' figures (corpsCube) count
 * volunteers by branch, status and expert type from the index alone, in its order, without a
 * temporary table. The new index is built before the old one goes, so branch lookups keep one.
 */
export class VolunteerCorpsFiguresIndex1796654363327 implements MigrationInterface {
  name = "VolunteerCorpsFiguresIndex1796654363327";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX \`ix_volunteer_branch_status_type\` ON \`volunteer\` (\`branchId\`, \`status\`, \`expertType\`)`,
    );
    await queryRunner.query(`DROP INDEX \`ix_volunteer_branch_status\` ON \`volunteer\``);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX \`ix_volunteer_branch_status\` ON \`volunteer\` (\`branchId\`, \`status\`)`,
    );
    await queryRunner.query(`DROP INDEX \`ix_volunteer_branch_status_type\` ON \`volunteer\``);
  }
}
