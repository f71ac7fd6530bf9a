ALTER TABLE "dossiers" DROP CONSTRAINT "dossiers_procedure_id_procedures_id_fk";
--> statement-breakpoint
ALTER TABLE "dossiers" DROP CONSTRAINT "dossiers_receiving_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "dossiers" DROP CONSTRAINT "dossiers_handling_agency_id_agencies_id_fk";
--> statement-breakpoint
ALTER TABLE "dossiers" DROP CONSTRAINT "dossiers_holding_agency_id_agencies_id_fk";
--> statement-breakpoint
-- Hand-edited after drizzle-kit generate: what the four foreign keys guaranteed, kept without their per-row
-- cost. The ingest locks the referenced rows FOR KEY SHARE once per batch (so a concurrent delete waits for
-- it); these triggers refuse deleting a procedure, unit or agency that a dossier names. Deletes of these rows
-- are exceptional (they carry validity periods instead), so the scan they may cost is acceptable.
CREATE FUNCTION dossier_reference_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_TABLE_NAME = 'procedures' AND EXISTS (SELECT 1 FROM dossiers WHERE procedure_id = OLD.id))
     OR (TG_TABLE_NAME = 'units' AND EXISTS (SELECT 1 FROM dossiers WHERE receiving_unit_id = OLD.id))
     OR (TG_TABLE_NAME = 'agencies' AND EXISTS (SELECT 1 FROM dossiers WHERE handling_agency_id = OLD.id OR holding_agency_id = OLD.id)) THEN
    RAISE EXCEPTION '% % is named by dossiers and cannot be deleted', TG_TABLE_NAME, OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER procedures_dossier_guard BEFORE DELETE ON procedures FOR EACH ROW EXECUTE FUNCTION dossier_reference_guard();
--> statement-breakpoint
CREATE TRIGGER units_dossier_guard BEFORE DELETE ON units FOR EACH ROW EXECUTE FUNCTION dossier_reference_guard();
--> statement-breakpoint
CREATE TRIGGER agencies_dossier_guard BEFORE DELETE ON agencies FOR EACH ROW EXECUTE FUNCTION dossier_reference_guard();
