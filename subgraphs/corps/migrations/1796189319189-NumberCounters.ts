// Letter and certificate numbers come from one counter row per series (prefix and year) instead
// of MAX()+1, which collided under concurrency. The counters start from the numbers already
// issued: for each series, the largest sequence number stored.
import type { MigrationInterface, QueryRunner } from "typeorm";

/** INSERT of one counter row per series of `column`, at the largest number stored in it. */
const seedFrom = (table: string, column: string) =>
  `INSERT INTO \`number_counter\` (\`series\`, \`value\`) ` +
  `SELECT SUBSTRING_INDEX(\`${column}\`, '-', 2), ` +
  `MAX(CAST(SUBSTRING_INDEX(\`${column}\`, '-', -1) AS UNSIGNED)) ` +
  `FROM \`${table}\` WHERE \`${column}\` IS NOT NULL ` +
  `GROUP BY SUBSTRING_INDEX(\`${column}\`, '-', 2)`;

export class NumberCounters1796189319189 implements MigrationInterface {
  name = "NumberCounters1796189319189";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`number_counter\` (\`series\` varchar(32) NOT NULL, \`value\` int NOT NULL, PRIMARY KEY (\`series\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(seedFrom("volunteer", "letterNumber"));
    await queryRunner.query(seedFrom("certificate", "number"));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`number_counter\``);
  }
}
