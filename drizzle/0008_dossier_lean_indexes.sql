DROP INDEX "dossier_daily_stats_agency_idx";--> statement-breakpoint
DROP INDEX "dossier_daily_stats_unit_idx";--> statement-breakpoint
DROP INDEX "dossier_events_dedupe_idx";--> statement-breakpoint
ALTER TABLE "dossier_events" DROP CONSTRAINT "dossier_events_id_at_pk";--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_dossier_id_at_status_pk" PRIMARY KEY("dossier_id","at","status");--> statement-breakpoint
ALTER TABLE "dossier_events" DROP COLUMN "id";--> statement-breakpoint
-- Hand-edited after drizzle-kit generate: an update of daily counts moves one net delta per month and key
-- (new minus old) instead of subtracting the old rows and adding the new ones in two passes.
CREATE OR REPLACE FUNCTION dossier_monthly_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each branch names only the transition tables its trigger defines.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO dossier_monthly_stats AS m (month, procedure_id, unit_id, agency_id, channel, received, finished, finished_early, finished_on_time, finished_late, processing_days_sum, paid_online, digitised, rated, satisfied)
    SELECT date_trunc('month', day::timestamp)::date, procedure_id, unit_id, agency_id, channel, sum(received)::int, sum(finished)::int, sum(finished_early)::int, sum(finished_on_time)::int, sum(finished_late)::int, sum(processing_days_sum)::double precision, sum(paid_online)::int, sum(digitised)::int, sum(rated)::int, sum(satisfied)::int
    FROM (SELECT day, procedure_id, unit_id, agency_id, channel, received, finished, finished_early, finished_on_time, finished_late, processing_days_sum, paid_online, digitised, rated, satisfied FROM new_rows) AS delta GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (month, procedure_id, unit_id, agency_id, channel) DO UPDATE SET received = m.received + EXCLUDED.received, finished = m.finished + EXCLUDED.finished, finished_early = m.finished_early + EXCLUDED.finished_early, finished_on_time = m.finished_on_time + EXCLUDED.finished_on_time, finished_late = m.finished_late + EXCLUDED.finished_late, processing_days_sum = m.processing_days_sum + EXCLUDED.processing_days_sum, paid_online = m.paid_online + EXCLUDED.paid_online, digitised = m.digitised + EXCLUDED.digitised, rated = m.rated + EXCLUDED.rated, satisfied = m.satisfied + EXCLUDED.satisfied;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO dossier_monthly_stats AS m (month, procedure_id, unit_id, agency_id, channel, received, finished, finished_early, finished_on_time, finished_late, processing_days_sum, paid_online, digitised, rated, satisfied)
    SELECT date_trunc('month', day::timestamp)::date, procedure_id, unit_id, agency_id, channel, sum(received)::int, sum(finished)::int, sum(finished_early)::int, sum(finished_on_time)::int, sum(finished_late)::int, sum(processing_days_sum)::double precision, sum(paid_online)::int, sum(digitised)::int, sum(rated)::int, sum(satisfied)::int
    FROM (SELECT day, procedure_id, unit_id, agency_id, channel, -received, -finished, -finished_early, -finished_on_time, -finished_late, -processing_days_sum, -paid_online, -digitised, -rated, -satisfied FROM old_rows) AS delta GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (month, procedure_id, unit_id, agency_id, channel) DO UPDATE SET received = m.received + EXCLUDED.received, finished = m.finished + EXCLUDED.finished, finished_early = m.finished_early + EXCLUDED.finished_early, finished_on_time = m.finished_on_time + EXCLUDED.finished_on_time, finished_late = m.finished_late + EXCLUDED.finished_late, processing_days_sum = m.processing_days_sum + EXCLUDED.processing_days_sum, paid_online = m.paid_online + EXCLUDED.paid_online, digitised = m.digitised + EXCLUDED.digitised, rated = m.rated + EXCLUDED.rated, satisfied = m.satisfied + EXCLUDED.satisfied;
  ELSE
    INSERT INTO dossier_monthly_stats AS m (month, procedure_id, unit_id, agency_id, channel, received, finished, finished_early, finished_on_time, finished_late, processing_days_sum, paid_online, digitised, rated, satisfied)
    SELECT date_trunc('month', day::timestamp)::date, procedure_id, unit_id, agency_id, channel, sum(received)::int, sum(finished)::int, sum(finished_early)::int, sum(finished_on_time)::int, sum(finished_late)::int, sum(processing_days_sum)::double precision, sum(paid_online)::int, sum(digitised)::int, sum(rated)::int, sum(satisfied)::int
    FROM (SELECT day, procedure_id, unit_id, agency_id, channel, received, finished, finished_early, finished_on_time, finished_late, processing_days_sum, paid_online, digitised, rated, satisfied FROM new_rows UNION ALL SELECT day, procedure_id, unit_id, agency_id, channel, -received, -finished, -finished_early, -finished_on_time, -finished_late, -processing_days_sum, -paid_online, -digitised, -rated, -satisfied FROM old_rows) AS delta GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (month, procedure_id, unit_id, agency_id, channel) DO UPDATE SET received = m.received + EXCLUDED.received, finished = m.finished + EXCLUDED.finished, finished_early = m.finished_early + EXCLUDED.finished_early, finished_on_time = m.finished_on_time + EXCLUDED.finished_on_time, finished_late = m.finished_late + EXCLUDED.finished_late, processing_days_sum = m.processing_days_sum + EXCLUDED.processing_days_sum, paid_online = m.paid_online + EXCLUDED.paid_online, digitised = m.digitised + EXCLUDED.digitised, rated = m.rated + EXCLUDED.rated, satisfied = m.satisfied + EXCLUDED.satisfied;
  END IF;
  RETURN NULL;
END $$;
