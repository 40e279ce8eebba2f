import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795523214793 implements MigrationInterface {
  name = "Initial1795523214793";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`branch\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(100) NOT NULL, \`kind\` varchar(16) NOT NULL, \`districtCode\` varchar(6) NULL, \`industry\` varchar(60) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_d6d14945d4352867ecc62bcf85\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`transfer\` (\`id\` int NOT NULL AUTO_INCREMENT, \`volunteerId\` int NOT NULL, \`fromBranchId\` int NOT NULL, \`toBranchId\` int NOT NULL, \`transferredOn\` date NOT NULL, \`reason\` varchar(500) NOT NULL, \`actor\` varchar(100) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_transfer_volunteer\` (\`volunteerId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`volunteer\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(60) NOT NULL, \`expertType\` varchar(32) NOT NULL, \`categories\` text NOT NULL, \`employer\` varchar(200) NULL, \`retired\` tinyint NOT NULL DEFAULT 0, \`status\` varchar(16) NOT NULL DEFAULT 'APPLIED', \`contactPhone\` varchar(11) NOT NULL, \`idNumber\` varchar(18) NOT NULL, \`branchId\` int NOT NULL, \`letterNumber\` varchar(32) NULL, \`appointedOn\` date NULL, \`agreementForm\` varchar(16) NULL, \`agreementHours\` int NULL, \`agreementFrom\` date NULL, \`agreementTo\` date NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`ix_volunteer_branch_status\` (\`branchId\`, \`status\`), UNIQUE INDEX \`IDX_3cd56cd504937fdacb7dcaf0b4\` (\`idNumber\`), UNIQUE INDEX \`IDX_0b6906e44290930e9631be81b5\` (\`letterNumber\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_0b6906e44290930e9631be81b5\` ON \`volunteer\``);
    await queryRunner.query(`DROP INDEX \`IDX_3cd56cd504937fdacb7dcaf0b4\` ON \`volunteer\``);
    await queryRunner.query(`DROP INDEX \`ix_volunteer_branch_status\` ON \`volunteer\``);
    await queryRunner.query(`DROP TABLE \`volunteer\``);
    await queryRunner.query(`DROP INDEX \`ix_transfer_volunteer\` ON \`transfer\``);
    await queryRunner.query(`DROP TABLE \`transfer\``);
    await queryRunner.query(`DROP INDEX \`IDX_d6d14945d4352867ecc62bcf85\` ON \`branch\``);
    await queryRunner.query(`DROP TABLE \`branch\``);
  }
}
