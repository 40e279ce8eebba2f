import type { MigrationInterface, QueryRunner } from "typeorm";

export class PlatformLifecycle1796186401828 implements MigrationInterface {
  name = "PlatformLifecycle1796186401828";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`performance_review\` (\`id\` int NOT NULL AUTO_INCREMENT, \`platformId\` int NOT NULL, \`period\` varchar(4) NOT NULL, \`score\` int NOT NULL, \`grade\` varchar(16) NOT NULL, \`comment\` varchar(1000) NULL, \`actor\` varchar(100) NOT NULL, \`reviewedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_performance_review_platform_period\` (\`platformId\`, \`period\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`plan_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`planId\` int NOT NULL, \`actor\` varchar(100) NOT NULL, \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`fromStatus\` varchar(16) NULL, \`toStatus\` varchar(16) NOT NULL, \`comment\` varchar(1000) NULL, INDEX \`ix_plan_event_plan\` (\`planId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`platform_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`platformId\` int NOT NULL, \`actor\` varchar(100) NOT NULL, \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`action\` varchar(16) NOT NULL, \`fromStatus\` varchar(16) NULL, \`toStatus\` varchar(16) NOT NULL, \`comment\` varchar(1000) NULL, INDEX \`ix_platform_event_platform\` (\`platformId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`service_plan\` (\`id\` int NOT NULL AUTO_INCREMENT, \`platformId\` int NOT NULL, \`title\` varchar(200) NOT NULL, \`category\` varchar(16) NOT NULL, \`period\` varchar(7) NOT NULL, \`proposer\` varchar(200) NOT NULL, \`description\` varchar(2000) NULL, \`status\` varchar(16) NOT NULL DEFAULT 'PROPOSED', \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_service_plan_category_period\` (\`category\`, \`period\`), INDEX \`ix_service_plan_platform\` (\`platformId\`, \`period\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`platform\` ADD \`recommendation\` varchar(1000) NULL`);
    await queryRunner.query(`ALTER TABLE \`platform\` ADD \`version\` int NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`platform\` DROP COLUMN \`version\``);
    await queryRunner.query(`ALTER TABLE \`platform\` DROP COLUMN \`recommendation\``);
    await queryRunner.query(`DROP INDEX \`ix_service_plan_platform\` ON \`service_plan\``);
    await queryRunner.query(`DROP INDEX \`ix_service_plan_category_period\` ON \`service_plan\``);
    await queryRunner.query(`DROP TABLE \`service_plan\``);
    await queryRunner.query(`DROP INDEX \`ix_platform_event_platform\` ON \`platform_event\``);
    await queryRunner.query(`DROP TABLE \`platform_event\``);
    await queryRunner.query(`DROP INDEX \`ix_plan_event_plan\` ON \`plan_event\``);
    await queryRunner.query(`DROP TABLE \`plan_event\``);
    await queryRunner.query(
      `DROP INDEX \`uq_performance_review_platform_period\` ON \`performance_review\``,
    );
    await queryRunner.query(`DROP TABLE \`performance_review\``);
  }
}
