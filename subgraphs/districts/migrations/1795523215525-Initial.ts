import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795523215525 implements MigrationInterface {
  name = "Initial1795523215525";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`activity\` (\`id\` int NOT NULL AUTO_INCREMENT, \`districtCode\` varchar(6) NOT NULL, \`externalId\` varchar(64) NOT NULL, \`stationId\` int NULL, \`type\` varchar(32) NOT NULL, \`category\` varchar(32) NOT NULL, \`title\` varchar(200) NOT NULL, \`heldOn\` date NOT NULL, \`feeCharged\` decimal(10,2) NOT NULL DEFAULT '0.00', \`enterprisesServed\` int NOT NULL DEFAULT '0', \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_activity_station\` (\`stationId\`), INDEX \`ix_activity_district_held\` (\`districtCode\`, \`heldOn\`), UNIQUE INDEX \`uq_activity_district_external\` (\`districtCode\`, \`externalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`demand\` (\`id\` int NOT NULL AUTO_INCREMENT, \`districtCode\` varchar(6) NOT NULL, \`externalId\` varchar(64) NOT NULL, \`stationId\` int NOT NULL, \`enterpriseName\` varchar(200) NOT NULL, \`creditCode\` varchar(18) NOT NULL, \`category\` varchar(32) NOT NULL, \`focusGroup\` varchar(32) NULL, \`specialised\` tinyint NOT NULL DEFAULT 0, \`description\` text NOT NULL, \`status\` varchar(32) NOT NULL DEFAULT 'OPEN', \`collectedOn\` date NOT NULL, \`satisfaction\` int NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_demand_district_collected\` (\`districtCode\`, \`collectedOn\`), INDEX \`ix_demand_station_status\` (\`stationId\`, \`status\`), UNIQUE INDEX \`uq_demand_district_external\` (\`districtCode\`, \`externalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`district\` (\`code\` varchar(6) NOT NULL, \`name\` varchar(40) NOT NULL, \`kind\` varchar(32) NOT NULL, PRIMARY KEY (\`code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`participation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`activityId\` int NOT NULL, \`volunteerId\` int NOT NULL, \`hours\` decimal(6,2) NOT NULL, \`verified\` tinyint NOT NULL DEFAULT 1, INDEX \`ix_participation_volunteer\` (\`volunteerId\`), UNIQUE INDEX \`uq_participation_activity_volunteer\` (\`activityId\`, \`volunteerId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`station\` (\`id\` int NOT NULL AUTO_INCREMENT, \`districtCode\` varchar(6) NOT NULL, \`externalId\` varchar(64) NOT NULL, \`name\` varchar(200) NOT NULL, \`hostType\` varchar(32) NOT NULL, \`status\` varchar(32) NOT NULL DEFAULT 'SUBMITTED', \`categories\` text NOT NULL, \`address\` varchar(300) NOT NULL, \`contactName\` varchar(60) NULL, \`contactPhone\` varchar(20) NULL, \`venue\` varchar(500) NULL, \`equipment\` varchar(500) NULL, \`recommended\` tinyint NOT NULL DEFAULT 0, \`filedAt\` datetime NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_station_district_status\` (\`districtCode\`, \`status\`), UNIQUE INDEX \`uq_station_district_external\` (\`districtCode\`, \`externalId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_station_district_external\` ON \`station\``);
    await queryRunner.query(`DROP INDEX \`ix_station_district_status\` ON \`station\``);
    await queryRunner.query(`DROP TABLE \`station\``);
    await queryRunner.query(
      `DROP INDEX \`uq_participation_activity_volunteer\` ON \`participation\``,
    );
    await queryRunner.query(`DROP INDEX \`ix_participation_volunteer\` ON \`participation\``);
    await queryRunner.query(`DROP TABLE \`participation\``);
    await queryRunner.query(`DROP TABLE \`district\``);
    await queryRunner.query(`DROP INDEX \`uq_demand_district_external\` ON \`demand\``);
    await queryRunner.query(`DROP INDEX \`ix_demand_station_status\` ON \`demand\``);
    await queryRunner.query(`DROP INDEX \`ix_demand_district_collected\` ON \`demand\``);
    await queryRunner.query(`DROP TABLE \`demand\``);
    await queryRunner.query(`DROP INDEX \`uq_activity_district_external\` ON \`activity\``);
    await queryRunner.query(`DROP INDEX \`ix_activity_district_held\` ON \`activity\``);
    await queryRunner.query(`DROP INDEX \`ix_activity_station\` ON \`activity\``);
    await queryRunner.query(`DROP TABLE \`activity\``);
  }
}
