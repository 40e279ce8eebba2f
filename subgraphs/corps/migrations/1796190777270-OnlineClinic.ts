import type { MigrationInterface, QueryRunner } from "typeorm";

export class OnlineClinic1796190777270 implements MigrationInterface {
  name = "OnlineClinic1796190777270";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`course\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(100) NOT NULL, \`category\` varchar(32) NOT NULL, \`volunteerId\` int NOT NULL, \`url\` varchar(500) NOT NULL, \`durationMinutes\` int NOT NULL, \`districtCode\` varchar(6) NULL, \`publishedOn\` date NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'ACTIVE', \`publishedBy\` varchar(100) NOT NULL, \`withdrawnReason\` varchar(500) NULL, \`withdrawnBy\` varchar(100) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_course_volunteer\` (\`volunteerId\`), INDEX \`ix_course_status_district\` (\`status\`, \`districtCode\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`meeting\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(100) NOT NULL, \`category\` varchar(32) NOT NULL, \`volunteerId\` int NOT NULL, \`startsAt\` datetime NOT NULL, \`durationMinutes\` int NOT NULL, \`url\` varchar(500) NOT NULL, \`capacity\` int NOT NULL, \`signUpCount\` int NOT NULL DEFAULT '0', \`districtCode\` varchar(6) NULL, \`status\` varchar(16) NOT NULL DEFAULT 'SCHEDULED', \`scheduledBy\` varchar(100) NOT NULL, \`cancelledReason\` varchar(500) NULL, \`cancelledBy\` varchar(100) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_meeting_district_starts\` (\`districtCode\`, \`startsAt\`), INDEX \`ix_meeting_starts\` (\`startsAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`meeting_sign_up\` (\`id\` int NOT NULL AUTO_INCREMENT, \`meetingId\` int NOT NULL, \`enterpriseName\` varchar(200) NOT NULL, \`contactName\` varchar(60) NOT NULL, \`contactPhone\` varchar(11) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_meeting_sign_up_phone\` (\`meetingId\`, \`contactPhone\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`service_menu_item\` (\`id\` int NOT NULL AUTO_INCREMENT, \`category\` varchar(32) NOT NULL, \`title\` varchar(60) NOT NULL, \`description\` varchar(500) NOT NULL, \`forms\` text NOT NULL, \`durationMinutes\` int NOT NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`version\` int NOT NULL DEFAULT '1', \`updatedBy\` varchar(100) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_service_menu_category\` (\`category\`, \`active\`), UNIQUE INDEX \`uq_service_menu_title\` (\`category\`, \`title\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`volunteer\` ADD \`listedInDirectory\` tinyint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`ALTER TABLE \`volunteer\` ADD \`profile\` varchar(300) NULL`);
    await queryRunner.query(
      `CREATE INDEX \`ix_volunteer_listed_status\` ON \`volunteer\` (\`listedInDirectory\`, \`status\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_volunteer_listed_status\` ON \`volunteer\``);
    await queryRunner.query(`ALTER TABLE \`volunteer\` DROP COLUMN \`profile\``);
    await queryRunner.query(`ALTER TABLE \`volunteer\` DROP COLUMN \`listedInDirectory\``);
    await queryRunner.query(`DROP INDEX \`uq_service_menu_title\` ON \`service_menu_item\``);
    await queryRunner.query(`DROP INDEX \`ix_service_menu_category\` ON \`service_menu_item\``);
    await queryRunner.query(`DROP TABLE \`service_menu_item\``);
    await queryRunner.query(`DROP INDEX \`uq_meeting_sign_up_phone\` ON \`meeting_sign_up\``);
    await queryRunner.query(`DROP TABLE \`meeting_sign_up\``);
    await queryRunner.query(`DROP INDEX \`ix_meeting_starts\` ON \`meeting\``);
    await queryRunner.query(`DROP INDEX \`ix_meeting_district_starts\` ON \`meeting\``);
    await queryRunner.query(`DROP TABLE \`meeting\``);
    await queryRunner.query(`DROP INDEX \`ix_course_status_district\` ON \`course\``);
    await queryRunner.query(`DROP INDEX \`ix_course_volunteer\` ON \`course\``);
    await queryRunner.query(`DROP TABLE \`course\``);
  }
}
