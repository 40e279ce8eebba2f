import type { MigrationInterface, QueryRunner } from "typeorm";

export class StoryWorkflow1796186482656 implements MigrationInterface {
  name = "StoryWorkflow1796186482656";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`story_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`storyId\` int NOT NULL, \`actor\` varchar(100) NOT NULL, \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`action\` varchar(20) NOT NULL, \`fromStatus\` varchar(16) NULL, \`toStatus\` varchar(16) NOT NULL, \`comment\` varchar(500) NULL, INDEX \`ix_story_event_story\` (\`storyId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`case_story\` ADD \`version\` int NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE \`coverage\` ADD \`urlKey\` varchar(64) NOT NULL`);
    // Written by hand: coverage recorded before this migration gets its key (SHA-256 of the link
    // as stored), and an exact repeat of a link for the same story (now a CONFLICT) is dropped,
    // keeping the first record, so that the unique index below can be built.
    await queryRunner.query(`UPDATE \`coverage\` SET \`urlKey\` = SHA2(\`url\`, 256)`);
    await queryRunner.query(
      `DELETE c FROM \`coverage\` c JOIN \`coverage\` k ON k.\`storyId\` = c.\`storyId\` AND k.\`urlKey\` = c.\`urlKey\` AND k.\`id\` < c.\`id\``,
    );
    await queryRunner.query(
      `CREATE INDEX \`ix_story_status_published\` ON \`case_story\` (\`status\`, \`publishedAt\`)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_coverage_story_url\` ON \`coverage\` (\`storyId\`, \`urlKey\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_coverage_story_url\` ON \`coverage\``);
    await queryRunner.query(`DROP INDEX \`ix_story_status_published\` ON \`case_story\``);
    await queryRunner.query(`ALTER TABLE \`coverage\` DROP COLUMN \`urlKey\``);
    await queryRunner.query(`ALTER TABLE \`case_story\` DROP COLUMN \`version\``);
    await queryRunner.query(`DROP INDEX \`ix_story_event_story\` ON \`story_event\``);
    await queryRunner.query(`DROP TABLE \`story_event\``);
  }
}
