import type { MigrationInterface, QueryRunner } from "typeorm";

/** Every audit event keeps the OpenTelemetry trace of the request that wrote it (null before). */
export class AuditTraceId1796616000000 implements MigrationInterface {
  name = "AuditTraceId1796616000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`platform_event\` ADD \`traceId\` varchar(32) NULL`);
    await queryRunner.query(`ALTER TABLE \`plan_event\` ADD \`traceId\` varchar(32) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`platform_event\` DROP COLUMN \`traceId\``);
    await queryRunner.query(`ALTER TABLE \`plan_event\` DROP COLUMN \`traceId\``);
  }
}
