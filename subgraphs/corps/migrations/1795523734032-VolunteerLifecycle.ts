import type { MigrationInterface, QueryRunner } from "typeorm";

export class VolunteerLifecycle1795523734032 implements MigrationInterface {
  name = "VolunteerLifecycle1795523734032";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`certificate\` (\`id\` int NOT NULL AUTO_INCREMENT, \`number\` varchar(32) NOT NULL, \`volunteerId\` int NOT NULL, \`volunteerName\` varchar(60) NOT NULL, \`hours\` decimal(10,2) NOT NULL, \`activityCount\` int NOT NULL, \`categories\` text NOT NULL, \`summary\` varchar(500) NOT NULL, \`issuer\` varchar(100) NOT NULL, \`issuedOn\` date NOT NULL, \`actor\` varchar(100) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_certificate_volunteer\` (\`volunteerId\`), UNIQUE INDEX \`IDX_6cacdcb9a0b6c4dd02bf699af8\` (\`number\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`commendation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`volunteerId\` int NOT NULL, \`title\` varchar(200) NOT NULL, \`awardedOn\` date NOT NULL, \`awardedBy\` varchar(200) NOT NULL, \`actor\` varchar(100) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_commendation_volunteer\` (\`volunteerId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`evaluation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`volunteerId\` int NOT NULL, \`period\` varchar(7) NOT NULL, \`score\` int NOT NULL, \`grade\` varchar(16) NOT NULL, \`comment\` varchar(500) NULL, \`actor\` varchar(100) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`uq_evaluation_volunteer_period\` (\`volunteerId\`, \`period\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`training\` (\`id\` int NOT NULL AUTO_INCREMENT, \`volunteerId\` int NOT NULL, \`title\` varchar(200) NOT NULL, \`provider\` varchar(200) NULL, \`completedOn\` date NOT NULL, \`hours\` decimal(6,2) NOT NULL, \`actor\` varchar(100) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_training_volunteer\` (\`volunteerId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`volunteer_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`volunteerId\` int NOT NULL, \`actor\` varchar(100) NOT NULL, \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`fromStatus\` varchar(16) NULL, \`toStatus\` varchar(16) NOT NULL, \`comment\` varchar(500) NULL, INDEX \`ix_volunteer_event_volunteer\` (\`volunteerId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_volunteer_event_volunteer\` ON \`volunteer_event\``);
    await queryRunner.query(`DROP TABLE \`volunteer_event\``);
    await queryRunner.query(`DROP INDEX \`ix_training_volunteer\` ON \`training\``);
    await queryRunner.query(`DROP TABLE \`training\``);
    await queryRunner.query(`DROP INDEX \`uq_evaluation_volunteer_period\` ON \`evaluation\``);
    await queryRunner.query(`DROP TABLE \`evaluation\``);
    await queryRunner.query(`DROP INDEX \`ix_commendation_volunteer\` ON \`commendation\``);
    await queryRunner.query(`DROP TABLE \`commendation\``);
    await queryRunner.query(`DROP INDEX \`IDX_6cacdcb9a0b6c4dd02bf699af8\` ON \`certificate\``);
    await queryRunner.query(`DROP INDEX \`ix_certificate_volunteer\` ON \`certificate\``);
    await queryRunner.query(`DROP TABLE \`certificate\``);
  }
}
