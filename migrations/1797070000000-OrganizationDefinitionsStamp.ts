import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9: list requests stop reading the organization's custom field definitions from the database every
 * time. The definitions are kept in the API process per organization, labelled with this stamp; the
 * session statement every signed-in request already runs reads the stamp of the caller's organization,
 * and a kept copy is used only while its label equals it. The trigger bumps the stamp in the same
 * transaction as any change to a definition (insert, update, delete), whoever makes it: this API process,
 * another one on the same database, or SQL typed by hand. So a change is seen by the very next request
 * of every process (docs/custom-fields.md, "Kept definitions").
 */
export class OrganizationDefinitionsStamp1797070000000 implements MigrationInterface {
  name = 'OrganizationDefinitionsStamp1797070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organization" ADD "definitions_stamp" bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE FUNCTION custom_field_bump_definitions_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE "organization" SET definitions_stamp = definitions_stamp + 1 WHERE id = OLD.organization_id;
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.organization_id IS DISTINCT FROM OLD.organization_id) THEN
    UPDATE "organization" SET definitions_stamp = definitions_stamp + 1 WHERE id = NEW.organization_id;
  END IF;
  RETURN NULL;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER trg_custom_field_definitions_stamp AFTER INSERT OR UPDATE OR DELETE ON "custom_field" FOR EACH ROW EXECUTE FUNCTION custom_field_bump_definitions_stamp()`,
    );
    await queryRunner.query(`CREATE FUNCTION custom_field_bump_all_definitions_stamps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "organization" SET definitions_stamp = definitions_stamp + 1;
  RETURN NULL;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER trg_custom_field_definitions_stamp_truncate AFTER TRUNCATE ON "custom_field" FOR EACH STATEMENT EXECUTE FUNCTION custom_field_bump_all_definitions_stamps()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_custom_field_definitions_stamp_truncate ON "custom_field"`);
    await queryRunner.query(`DROP FUNCTION custom_field_bump_all_definitions_stamps()`);
    await queryRunner.query(`DROP TRIGGER trg_custom_field_definitions_stamp ON "custom_field"`);
    await queryRunner.query(`DROP FUNCTION custom_field_bump_definitions_stamp()`);
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "definitions_stamp"`);
  }
}
