import type { MigrationInterface, QueryRunner } from "typeorm";

export class SelfService1796618971607 implements MigrationInterface {
  name = "SelfService1796618971607";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`personal_data_access\` (\`id\` int NOT NULL AUTO_INCREMENT, \`volunteerId\` int NOT NULL, \`field\` varchar(16) NOT NULL, \`kind\` varchar(16) NOT NULL DEFAULT 'READ', \`actor\` varchar(100) NOT NULL, \`actorRole\` varchar(32) NOT NULL, \`at\` datetime NOT NULL, \`requestId\` varchar(64) NULL, INDEX \`ix_personal_data_access_at\` (\`at\`), INDEX \`ix_personal_data_access_volunteer\` (\`volunteerId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`volunteer\` ADD \`identitySubject\` varchar(100) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`volunteer\` ADD UNIQUE INDEX \`IDX_36d7ee68b3bc41f2340ba5e5e9\` (\`identitySubject\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`volunteer\` DROP INDEX \`IDX_36d7ee68b3bc41f2340ba5e5e9\``,
    );
    await queryRunner.query(`ALTER TABLE \`volunteer\` DROP COLUMN \`identitySubject\``);
    await queryRunner.query(
      `DROP INDEX \`ix_personal_data_access_volunteer\` ON \`personal_data_access\``,
    );
    await queryRunner.query(
      `DROP INDEX \`ix_personal_data_access_at\` ON \`personal_data_access\``,
    );
    await queryRunner.query(`DROP TABLE \`personal_data_access\``);
  }
}
