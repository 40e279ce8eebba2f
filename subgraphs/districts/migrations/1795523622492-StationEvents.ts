import type { MigrationInterface, QueryRunner } from "typeorm";

export class StationEvents1795523622492 implements MigrationInterface {
  name = "StationEvents1795523622492";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`station_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`stationId\` int NOT NULL, \`actor\` varchar(100) NOT NULL, \`fromStatus\` varchar(32) NULL, \`toStatus\` varchar(32) NOT NULL, \`comment\` varchar(1000) NULL, \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`ix_station_event_station\` (\`stationId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_station_event_station\` ON \`station_event\``);
    await queryRunner.query(`DROP TABLE \`station_event\``);
  }
}
