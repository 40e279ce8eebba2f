import type { MigrationInterface, QueryRunner } from "typeorm";

export class DemandCreditCode1796612101132 implements MigrationInterface {
  name = "DemandCreditCode1796612101132";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX \`ix_demand_credit_code\` ON \`demand\` (\`creditCode\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_demand_credit_code\` ON \`demand\``);
  }
}
