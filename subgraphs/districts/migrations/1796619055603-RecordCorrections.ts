import type { MigrationInterface, QueryRunner } from "typeorm";

export class RecordCorrections1796619055603 implements MigrationInterface {
  name = "RecordCorrections1796619055603";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`record_correction\` (\`id\` int NOT NULL AUTO_INCREMENT, \`activityId\` int NOT NULL, \`volunteerId\` int NOT NULL, \`districtCode\` varchar(6) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'OPEN', \`openKey\` varchar(24) NULL, \`claimedHours\` decimal(6,2) NOT NULL, \`recordedHours\` decimal(6,2) NULL, \`reason\` varchar(500) NOT NULL, \`decisionComment\` varchar(500) NULL, \`requestedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`decidedAt\` datetime NULL, INDEX \`ix_record_correction_district_status\` (\`districtCode\`, \`status\`, \`id\`), INDEX \`ix_record_correction_volunteer\` (\`volunteerId\`), UNIQUE INDEX \`uq_record_correction_open\` (\`openKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`record_correction_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actor\` varchar(100) NOT NULL, \`actorRole\` varchar(32) NULL, \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`comment\` varchar(1000) NULL, \`requestId\` varchar(64) NULL, \`traceId\` varchar(32) NULL, \`action\` varchar(32) NOT NULL, \`fromStatus\` varchar(32) NULL, \`toStatus\` varchar(32) NOT NULL, \`correctionId\` int NOT NULL, \`hoursBefore\` decimal(6,2) NULL, \`hoursAfter\` decimal(6,2) NULL, INDEX \`ix_record_correction_event_correction\` (\`correctionId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP INDEX \`ix_record_correction_event_correction\` ON \`record_correction_event\``,
    );
    await queryRunner.query(`DROP TABLE \`record_correction_event\``);
    await queryRunner.query(`DROP INDEX \`uq_record_correction_open\` ON \`record_correction\``);
    await queryRunner.query(
      `DROP INDEX \`ix_record_correction_volunteer\` ON \`record_correction\``,
    );
    await queryRunner.query(
      `DROP INDEX \`ix_record_correction_district_status\` ON \`record_correction\``,
    );
    await queryRunner.query(`DROP TABLE \`record_correction\``);
  }
}
