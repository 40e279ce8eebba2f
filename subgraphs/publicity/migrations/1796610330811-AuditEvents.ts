import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One audit shape for every event (subgraphs/shared/audit-event.ts): the actor's role and the
 * request id on every event, an action on every event, one width for statuses, actions and
 * comments. Written by hand where the generator would drop and re-add columns (and lose
 * their data): existing columns are widened in place.
 */
export class AuditEvents1796610330811 implements MigrationInterface {
  name = "AuditEvents1796610330811";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`story_event\` ADD \`actorRole\` varchar(32) NULL, ADD \`requestId\` varchar(64) NULL, MODIFY \`action\` varchar(32) NOT NULL, MODIFY \`fromStatus\` varchar(32) NULL, MODIFY \`toStatus\` varchar(32) NOT NULL, MODIFY \`comment\` varchar(1000) NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`story_event\` DROP COLUMN \`requestId\`, DROP COLUMN \`actorRole\`, MODIFY \`action\` varchar(20) NOT NULL, MODIFY \`fromStatus\` varchar(16) NULL, MODIFY \`toStatus\` varchar(16) NOT NULL, MODIFY \`comment\` varchar(500) NULL`,
    );
  }
}
