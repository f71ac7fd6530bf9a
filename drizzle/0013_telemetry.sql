-- Hand-edited after drizzle-kit generate: telemetry_readings and telemetry_rollups_1m are partitioned by day
-- (RANGE on "at" / "bucket"). No default partition: ensureTelemetryPartitions (telemetry/storage.ts) creates
-- the days ahead at start and every hour, ingest refuses timestamps outside its window, and retention drops
-- whole days. A default partition would make each new day's CREATE scan it.
CREATE TABLE "devices" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"agency_id" uuid,
	"location" geometry(Point,4326),
	"metric_units" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"token_hash" text NOT NULL,
	"token_rotated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reporting_interval_seconds" integer DEFAULT 60 NOT NULL,
	"last_seen_at" timestamp with time zone,
	"status" text DEFAULT 'never-seen' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "devices_id_format" CHECK ("devices"."id" ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
	CONSTRAINT "devices_status" CHECK ("devices"."status" IN ('online', 'offline', 'never-seen')),
	CONSTRAINT "devices_interval" CHECK ("devices"."reporting_interval_seconds" > 0)
);
--> statement-breakpoint
CREATE TABLE "telemetry_latest" (
	"series_id" integer PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telemetry_readings" (
	"series_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "telemetry_readings_series_id_at_pk" PRIMARY KEY("series_id","at")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
CREATE TABLE "telemetry_rollups_1d" (
	"series_id" integer NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"sum" double precision NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	CONSTRAINT "telemetry_rollups_1d_series_id_bucket_pk" PRIMARY KEY("series_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "telemetry_rollups_1h" (
	"series_id" integer NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"sum" double precision NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	CONSTRAINT "telemetry_rollups_1h_series_id_bucket_pk" PRIMARY KEY("series_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "telemetry_rollups_1m" (
	"series_id" integer NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"sum" double precision NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	CONSTRAINT "telemetry_rollups_1m_series_id_bucket_pk" PRIMARY KEY("series_id","bucket")
) PARTITION BY RANGE ("bucket");
--> statement-breakpoint
CREATE TABLE "telemetry_series" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "telemetry_series_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"device_id" text NOT NULL,
	"metric" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_latest" ADD CONSTRAINT "telemetry_latest_series_id_telemetry_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."telemetry_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_series" ADD CONSTRAINT "telemetry_series_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "devices_unit_path_idx" ON "devices" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "devices_type_idx" ON "devices" USING btree ("type");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_token_hash_idx" ON "devices" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "telemetry_series_device_metric_idx" ON "telemetry_series" USING btree ("device_id","metric");