import type { MigrationInterface, QueryRunner } from "typeorm";
import { keyLivePlatforms } from "../services/live-keys";

/**
 * The live keys (services/live-keys.ts): one live platform per source station, one per name in a
 * district, kept by unique indexes. Generated, then edited: TypeORM also added an unnamed unique
 * index per column, a duplicate of the named one; and the existing live platforms are keyed here.
 * Where existing data already breaks the rule, the oldest platform keeps the key and the later one
 * is left without it and named in a warning: it stays live, but is neither certified nor amended
 * while the other is live (CONFLICT naming it), so the city settles it by rejecting or revoking one.
 */
export class PlatformLiveKeys1796191190810 implements MigrationInterface {
  name = "PlatformLiveKeys1796191190810";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`platform\` ADD \`liveSourceStationId\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`platform\` ADD \`liveNameKey\` varchar(64) NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_platform_live_name\` ON \`platform\` (\`liveNameKey\`)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`uq_platform_live_source\` ON \`platform\` (\`liveSourceStationId\`)`,
    );
    const unkeyed = await keyLivePlatforms((sql, parameters) => queryRunner.query(sql, parameters));
    for (const { platformId, key, heldBy } of unkeyed) {
      queryRunner.connection.logger.log(
        "warn",
        `platform ${platformId} is live with the ${key === "liveNameKey" ? "name" : "source station"} of live platform ${heldBy}: reject or revoke one of them`,
        queryRunner,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_platform_live_source\` ON \`platform\``);
    await queryRunner.query(`DROP INDEX \`uq_platform_live_name\` ON \`platform\``);
    await queryRunner.query(`ALTER TABLE \`platform\` DROP COLUMN \`liveNameKey\``);
    await queryRunner.query(`ALTER TABLE \`platform\` DROP COLUMN \`liveSourceStationId\``);
  }
}
