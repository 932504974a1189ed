import { MigrationInterface, QueryRunner } from 'typeorm';

const table = 'tenants';

export class Dynamic1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "${table}" ("id" SERIAL PRIMARY KEY)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
