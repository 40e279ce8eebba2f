import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One audit shape for every event (subgraphs/shared/audit-event.ts): the actor's role, the request
 * id and an action on volunteer events, wider status and comment columns, and the events of
 * courses and meetings. Written by hand where the generator would drop and re-add columns (and
 * lose their data): existing columns are widened in place, and the action of each existing event
 * is derived from its statuses (and, for directory changes, from the comment the hub wrote).
 */
export class AuditEvents1796608389035 implements MigrationInterface {
  name = "AuditEvents1796608389035";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`course_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actor\` varchar(100) NOT NULL, \`actorRole\` varchar(32) NULL, \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`comment\` varchar(1000) NULL, \`requestId\` varchar(64) NULL, \`action\` varchar(32) NOT NULL, \`fromStatus\` varchar(32) NULL, \`toStatus\` varchar(32) NOT NULL, \`courseId\` int NOT NULL, INDEX \`ix_course_event_course\` (\`courseId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`meeting_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actor\` varchar(100) NOT NULL, \`actorRole\` varchar(32) NULL, \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`comment\` varchar(1000) NULL, \`requestId\` varchar(64) NULL, \`action\` varchar(32) NOT NULL, \`fromStatus\` varchar(32) NULL, \`toStatus\` varchar(32) NOT NULL, \`meetingId\` int NOT NULL, INDEX \`ix_meeting_event_meeting\` (\`meetingId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`volunteer_event\` ADD \`actorRole\` varchar(32) NULL, ADD \`requestId\` varchar(64) NULL, ADD \`action\` varchar(32) NOT NULL, MODIFY \`fromStatus\` varchar(32) NULL, MODIFY \`toStatus\` varchar(32) NOT NULL, MODIFY \`comment\` varchar(1000) NULL`,
    );
    await queryRunner.query(
      `UPDATE \`volunteer_event\` SET \`action\` = CASE
        WHEN \`fromStatus\` IS NULL THEN 'REGISTER'
        WHEN \`fromStatus\` = 'APPLIED' AND \`toStatus\` = 'APPOINTED' THEN 'APPOINT'
        WHEN \`fromStatus\` = 'SUSPENDED' AND \`toStatus\` = 'APPOINTED' THEN 'REINSTATE'
        WHEN \`toStatus\` = 'SUSPENDED' AND \`fromStatus\` <> 'SUSPENDED' THEN 'SUSPEND'
        WHEN \`toStatus\` = 'WITHDRAWN' AND \`fromStatus\` <> 'WITHDRAWN' THEN 'WITHDRAW'
        WHEN \`comment\` LIKE 'listed in the expert directory%' THEN 'LIST'
        WHEN \`comment\` LIKE 'removed from the expert directory%' THEN 'UNLIST'
        ELSE 'UPDATE_PROFILE' END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`volunteer_event\` DROP COLUMN \`action\`, DROP COLUMN \`requestId\`, DROP COLUMN \`actorRole\`, MODIFY \`fromStatus\` varchar(16) NULL, MODIFY \`toStatus\` varchar(16) NOT NULL, MODIFY \`comment\` varchar(500) NULL`,
    );
    await queryRunner.query(`DROP INDEX \`ix_meeting_event_meeting\` ON \`meeting_event\``);
    await queryRunner.query(`DROP TABLE \`meeting_event\``);
    await queryRunner.query(`DROP INDEX \`ix_course_event_course\` ON \`course_event\``);
    await queryRunner.query(`DROP TABLE \`course_event\``);
  }
}
