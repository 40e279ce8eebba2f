import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795523216937 implements MigrationInterface {
  name = "Initial1795523216937";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`case_story\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(200) NOT NULL, \`summary\` varchar(1000) NOT NULL, \`body\` text NOT NULL, \`categories\` text NOT NULL, \`districtCode\` varchar(6) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'DRAFT', \`publishedAt\` datetime NULL, \`createdBy\` varchar(100) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_story_status_district\` (\`status\`, \`districtCode\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`coverage\` (\`id\` int NOT NULL AUTO_INCREMENT, \`storyId\` int NOT NULL, \`outlet\` varchar(40) NOT NULL, \`url\` varchar(500) NOT NULL, \`publishedOn\` date NOT NULL, INDEX \`ix_coverage_story\` (\`storyId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`story_reference\` (\`id\` int NOT NULL AUTO_INCREMENT, \`storyId\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`refId\` int NOT NULL, INDEX \`ix_story_reference_target\` (\`kind\`, \`refId\`), UNIQUE INDEX \`uq_story_reference\` (\`storyId\`, \`kind\`, \`refId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_story_reference\` ON \`story_reference\``);
    await queryRunner.query(`DROP INDEX \`ix_story_reference_target\` ON \`story_reference\``);
    await queryRunner.query(`DROP TABLE \`story_reference\``);
    await queryRunner.query(`DROP INDEX \`ix_coverage_story\` ON \`coverage\``);
    await queryRunner.query(`DROP TABLE \`coverage\``);
    await queryRunner.query(`DROP INDEX \`ix_story_status_district\` ON \`case_story\``);
    await queryRunner.query(`DROP TABLE \`case_story\``);
  }
}
