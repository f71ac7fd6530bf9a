CREATE TABLE "telemetry_rollup_watermark" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "telemetry_rollup_watermark_single" CHECK ("telemetry_rollup_watermark"."id" = 1)
);
--> statement-breakpoint
-- Hand-written: the one row. Existing hourly/daily rollups already count the current hour, so on a database with
-- rollups the watermark starts at the next hour (until then readings take the direct path into 1h/1d too).
INSERT INTO "telemetry_rollup_watermark" ("id", "at")
SELECT 1, date_bin('1 hour', now(), timestamptz '2000-01-01 00:00:00+00')
  + CASE WHEN EXISTS (SELECT 1 FROM "telemetry_rollups_1h") THEN interval '1 hour' ELSE interval '0' END;
