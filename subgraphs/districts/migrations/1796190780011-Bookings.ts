import type { MigrationInterface, QueryRunner } from "typeorm";

export class Bookings1796190780011 implements MigrationInterface {
  name = "Bookings1796190780011";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`booking\` (\`id\` int NOT NULL AUTO_INCREMENT, \`demandId\` int NOT NULL, \`districtCode\` varchar(6) NOT NULL, \`volunteerId\` int NOT NULL, \`menuItemId\` int NULL, \`form\` varchar(16) NOT NULL, \`message\` varchar(500) NOT NULL, \`contactName\` varchar(60) NOT NULL, \`contactPhone\` varchar(11) NOT NULL, \`channel\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL, \`requestedAt\` datetime NOT NULL, \`answerBy\` date NOT NULL, \`decidedAt\` datetime NULL, \`reason\` varchar(500) NULL, \`activityId\` int NULL, \`version\` int NOT NULL DEFAULT '1', \`createdBy\` varchar(100) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_booking_district_status\` (\`districtCode\`, \`status\`), INDEX \`ix_booking_volunteer_status\` (\`volunteerId\`, \`status\`), INDEX \`ix_booking_demand\` (\`demandId\`), UNIQUE INDEX \`uq_booking_activity\` (\`activityId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`booking_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`bookingId\` int NOT NULL, \`actor\` varchar(100) NOT NULL, \`at\` datetime NOT NULL, \`action\` varchar(16) NOT NULL, \`fromStatus\` varchar(16) NULL, \`toStatus\` varchar(16) NOT NULL, \`demandFrom\` varchar(16) NULL, \`demandTo\` varchar(16) NULL, \`comment\` varchar(500) NULL, INDEX \`ix_booking_event_booking\` (\`bookingId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_booking_event_booking\` ON \`booking_event\``);
    await queryRunner.query(`DROP TABLE \`booking_event\``);
    await queryRunner.query(`DROP INDEX \`uq_booking_activity\` ON \`booking\``);
    await queryRunner.query(`DROP INDEX \`ix_booking_demand\` ON \`booking\``);
    await queryRunner.query(`DROP INDEX \`ix_booking_volunteer_status\` ON \`booking\``);
    await queryRunner.query(`DROP INDEX \`ix_booking_district_status\` ON \`booking\``);
    await queryRunner.query(`DROP TABLE \`booking\``);
  }
}
