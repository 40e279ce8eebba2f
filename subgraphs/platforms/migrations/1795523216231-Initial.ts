import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795523216231 implements MigrationInterface {
  name = "Initial1795523216231";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`mentor\` (\`platformId\` int NOT NULL, \`volunteerId\` int NOT NULL, \`since\` date NOT NULL, INDEX \`ix_mentor_volunteer\` (\`volunteerId\`), PRIMARY KEY (\`platformId\`, \`volunteerId\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`platform\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(200) NOT NULL, \`kind\` varchar(32) NOT NULL, \`operatorName\` varchar(200) NOT NULL, \`districtCode\` varchar(6) NOT NULL, \`sourceStationId\` int NULL, \`status\` varchar(16) NOT NULL DEFAULT 'APPLIED', \`level\` varchar(16) NULL, \`appliedOn\` date NOT NULL, \`certifiedOn\` date NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_platform_district_status\` (\`districtCode\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_platform_district_status\` ON \`platform\``);
    await queryRunner.query(`DROP TABLE \`platform\``);
    await queryRunner.query(`DROP INDEX \`ix_mentor_volunteer\` ON \`mentor\``);
    await queryRunner.query(`DROP TABLE \`mentor\``);
  }
}
