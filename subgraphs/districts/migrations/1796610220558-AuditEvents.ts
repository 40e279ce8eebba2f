import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One audit shape for every event (subgraphs/shared/audit-event.ts): the actor's role and the
 * request id on every event, an action on every event, one width for statuses, actions and
 * comments, and the events of demands and activities. Written by hand where the generator would
 * drop and re-add columns (and lose their data): existing columns are widened in place, and each
 * existing station event's action is the review decision its statuses imply.
 */
export class AuditEvents1796610220558 implements MigrationInterface {
  name = "AuditEvents1796610220558";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`demand_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actor\` varchar(100) NOT NULL, \`actorRole\` varchar(32) NULL, \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`comment\` varchar(1000) NULL, \`requestId\` varchar(64) NULL, \`action\` varchar(32) NOT NULL, \`fromStatus\` varchar(32) NULL, \`toStatus\` varchar(32) NOT NULL, \`demandId\` int NOT NULL, INDEX \`ix_demand_event_demand\` (\`demandId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`activity_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actor\` varchar(100) NOT NULL, \`actorRole\` varchar(32) NULL, \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`comment\` varchar(1000) NULL, \`requestId\` varchar(64) NULL, \`action\` varchar(32) NOT NULL, \`activityId\` int NOT NULL, INDEX \`ix_activity_event_activity\` (\`activityId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`station_event\` ADD \`actorRole\` varchar(32) NULL, ADD \`requestId\` varchar(64) NULL, ADD \`action\` varchar(32) NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE \`station_event\` SET \`action\` = CASE WHEN \`fromStatus\` IS NULL THEN 'PUBLISH' WHEN \`toStatus\` = 'UNDER_REVIEW' THEN 'ACCEPT' WHEN \`toStatus\` = 'REJECTED' THEN 'REJECT' WHEN \`toStatus\` = 'FILED' THEN 'FILE' WHEN \`toStatus\` = 'SUSPENDED' THEN 'SUSPEND' WHEN \`toStatus\` = 'REVOKED' THEN 'REVOKE' ELSE 'PUBLISH' END`,
    );
    await queryRunner.query(
      `ALTER TABLE \`booking_event\` ADD \`actorRole\` varchar(32) NULL, ADD \`requestId\` varchar(64) NULL, MODIFY \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), MODIFY \`action\` varchar(32) NOT NULL, MODIFY \`fromStatus\` varchar(32) NULL, MODIFY \`toStatus\` varchar(32) NOT NULL, MODIFY \`comment\` varchar(1000) NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`booking_event\` DROP COLUMN \`requestId\`, DROP COLUMN \`actorRole\`, MODIFY \`at\` datetime NOT NULL, MODIFY \`action\` varchar(16) NOT NULL, MODIFY \`fromStatus\` varchar(16) NULL, MODIFY \`toStatus\` varchar(16) NOT NULL, MODIFY \`comment\` varchar(500) NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`station_event\` DROP COLUMN \`action\`, DROP COLUMN \`requestId\`, DROP COLUMN \`actorRole\``,
    );
    await queryRunner.query(`DROP INDEX \`ix_activity_event_activity\` ON \`activity_event\``);
    await queryRunner.query(`DROP TABLE \`activity_event\``);
    await queryRunner.query(`DROP INDEX \`ix_demand_event_demand\` ON \`demand_event\``);
    await queryRunner.query(`DROP TABLE \`demand_event\``);
  }
}
