-- Hand-edited after drizzle-kit generate: the triggers that keep the monthly counts and the backfill.
CREATE TABLE "dossier_monthly_stats" (
	"month" date NOT NULL,
	"procedure_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"finished" integer DEFAULT 0 NOT NULL,
	"finished_early" integer DEFAULT 0 NOT NULL,
	"finished_on_time" integer DEFAULT 0 NOT NULL,
	"finished_late" integer DEFAULT 0 NOT NULL,
	"processing_days_sum" double precision DEFAULT 0 NOT NULL,
	"paid_online" integer DEFAULT 0 NOT NULL,
	"digitised" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dossier_monthly_stats_month_procedure_id_unit_id_agency_id_channel_pk" PRIMARY KEY("month","procedure_id","unit_id","agency_id","channel")
);
--> statement-breakpoint
CREATE INDEX "dossier_monthly_stats_agency_idx" ON "dossier_monthly_stats" USING btree ("agency_id","month");
--> statement-breakpoint
-- Every change of dossier_daily_stats (the ingest's upsert, a rebuild's delete and insert) moves the same
-- deltas into the month, set-based, in the same transaction. Keys are written in order to keep concurrent
-- ingests from deadlocking on each other's months.
CREATE FUNCTION dossier_monthly_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR TG_OP = 'DELETE' THEN
    INSERT INTO dossier_monthly_stats AS m (month, procedure_id, unit_id, agency_id, channel, received, finished, finished_early, finished_on_time, finished_late, processing_days_sum, paid_online, digitised, rated, satisfied)
    SELECT date_trunc('month', day::timestamp)::date, procedure_id, unit_id, agency_id, channel, -sum(received)::int, -sum(finished)::int, -sum(finished_early)::int, -sum(finished_on_time)::int, -sum(finished_late)::int, -sum(processing_days_sum)::double precision, -sum(paid_online)::int, -sum(digitised)::int, -sum(rated)::int, -sum(satisfied)::int
    FROM old_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (month, procedure_id, unit_id, agency_id, channel) DO UPDATE SET received = m.received + EXCLUDED.received, finished = m.finished + EXCLUDED.finished, finished_early = m.finished_early + EXCLUDED.finished_early, finished_on_time = m.finished_on_time + EXCLUDED.finished_on_time, finished_late = m.finished_late + EXCLUDED.finished_late, processing_days_sum = m.processing_days_sum + EXCLUDED.processing_days_sum, paid_online = m.paid_online + EXCLUDED.paid_online, digitised = m.digitised + EXCLUDED.digitised, rated = m.rated + EXCLUDED.rated, satisfied = m.satisfied + EXCLUDED.satisfied;
  END IF;
  IF TG_OP = 'UPDATE' OR TG_OP = 'INSERT' THEN
    INSERT INTO dossier_monthly_stats AS m (month, procedure_id, unit_id, agency_id, channel, received, finished, finished_early, finished_on_time, finished_late, processing_days_sum, paid_online, digitised, rated, satisfied)
    SELECT date_trunc('month', day::timestamp)::date, procedure_id, unit_id, agency_id, channel, sum(received)::int, sum(finished)::int, sum(finished_early)::int, sum(finished_on_time)::int, sum(finished_late)::int, sum(processing_days_sum)::double precision, sum(paid_online)::int, sum(digitised)::int, sum(rated)::int, sum(satisfied)::int
    FROM new_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (month, procedure_id, unit_id, agency_id, channel) DO UPDATE SET received = m.received + EXCLUDED.received, finished = m.finished + EXCLUDED.finished, finished_early = m.finished_early + EXCLUDED.finished_early, finished_on_time = m.finished_on_time + EXCLUDED.finished_on_time, finished_late = m.finished_late + EXCLUDED.finished_late, processing_days_sum = m.processing_days_sum + EXCLUDED.processing_days_sum, paid_online = m.paid_online + EXCLUDED.paid_online, digitised = m.digitised + EXCLUDED.digitised, rated = m.rated + EXCLUDED.rated, satisfied = m.satisfied + EXCLUDED.satisfied;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dossier_daily_stats_monthly_insert AFTER INSERT ON dossier_daily_stats
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_monthly_stats_apply();
--> statement-breakpoint
CREATE TRIGGER dossier_daily_stats_monthly_update AFTER UPDATE ON dossier_daily_stats
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_monthly_stats_apply();
--> statement-breakpoint
CREATE TRIGGER dossier_daily_stats_monthly_delete AFTER DELETE ON dossier_daily_stats
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_monthly_stats_apply();
--> statement-breakpoint
INSERT INTO dossier_monthly_stats (month, procedure_id, unit_id, agency_id, channel, received, finished, finished_early, finished_on_time, finished_late, processing_days_sum, paid_online, digitised, rated, satisfied)
SELECT date_trunc('month', day::timestamp)::date, procedure_id, unit_id, agency_id, channel, sum(received)::int, sum(finished)::int, sum(finished_early)::int, sum(finished_on_time)::int, sum(finished_late)::int, sum(processing_days_sum)::double precision, sum(paid_online)::int, sum(digitised)::int, sum(rated)::int, sum(satisfied)::int
FROM dossier_daily_stats GROUP BY 1, 2, 3, 4, 5;
