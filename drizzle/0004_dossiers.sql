-- Hand-edited after drizzle-kit generate: dossier_events partitioned by year of "at"; dossiers_pending_due_idx
-- covers the pending counts (INCLUDE, which Drizzle cannot declare) so they are read from the index alone.
CREATE TABLE "holidays" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "holidays_kind" CHECK ("holidays"."kind" IN ('holiday', 'working_day'))
);
--> statement-breakpoint
CREATE TABLE "dossier_connectors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"base_url" text NOT NULL,
	"token" text,
	"field_mapping" jsonb NOT NULL,
	"cursor" text,
	"poll_seconds" integer DEFAULT 300 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"last_count" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_connectors_source_unique" UNIQUE("source")
);
--> statement-breakpoint
CREATE TABLE "dossier_daily_stats" (
	"day" date NOT NULL,
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
	CONSTRAINT "dossier_daily_stats_day_procedure_id_unit_id_agency_id_channel_pk" PRIMARY KEY("day","procedure_id","unit_id","agency_id","channel")
);
--> statement-breakpoint
CREATE TABLE "dossier_events" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "dossier_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dossier_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"agency_id" uuid,
	"note" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_events_id_at_pk" PRIMARY KEY("id","at")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
-- One partition per year, created ahead for 2015–2035 so that a backfill of old dossiers never lands in
-- (and never has to be moved out of) the default partition; ensureDossierEventPartitions adds later years.
DO $$
BEGIN
  FOR y IN 2015..2035 LOOP
    EXECUTE format('CREATE TABLE dossier_events_y%s PARTITION OF dossier_events FOR VALUES FROM (%L) TO (%L)',
      y, make_date(y, 1, 1)::timestamptz, make_date(y + 1, 1, 1)::timestamptz);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE TABLE "dossier_events_default" PARTITION OF "dossier_events" DEFAULT;
--> statement-breakpoint
CREATE TABLE "dossier_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"saved_rows" integer DEFAULT 0 NOT NULL,
	"error_rows" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dossiers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"code" text NOT NULL,
	"procedure_id" uuid NOT NULL,
	"receiving_unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"handling_agency_id" uuid,
	"holding_agency_id" uuid,
	"channel" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"status" text NOT NULL,
	"result" text,
	"timeliness" text,
	"processing_days" double precision,
	"online_payment" boolean DEFAULT false NOT NULL,
	"digitised_result" boolean DEFAULT false NOT NULL,
	"satisfaction" text,
	"last_event_at" timestamp with time zone NOT NULL,
	"due_soon_alerted_at" timestamp with time zone,
	"overdue_alerted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossiers_channel" CHECK ("dossiers"."channel" IN ('online', 'direct', 'postal')),
	CONSTRAINT "dossiers_finished_after_received" CHECK ("dossiers"."finished_at" IS NULL OR "dossiers"."finished_at" >= "dossiers"."received_at")
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"national_code" text,
	"name" text NOT NULL,
	"name_en" text,
	"field" text NOT NULL,
	"level" text NOT NULL,
	"processing_days" integer NOT NULL,
	"online_level" text NOT NULL,
	"agency_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedures_code_unique" UNIQUE("code"),
	CONSTRAINT "procedures_online_level" CHECK ("procedures"."online_level" IN ('full', 'partial', 'none')),
	CONSTRAINT "procedures_days" CHECK ("procedures"."processing_days" >= 0)
);
--> statement-breakpoint
ALTER TABLE "dossier_imports" ADD CONSTRAINT "dossier_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_receiving_unit_id_units_id_fk" FOREIGN KEY ("receiving_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_handling_agency_id_agencies_id_fk" FOREIGN KEY ("handling_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_holding_agency_id_agencies_id_fk" FOREIGN KEY ("holding_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_daily_stats_agency_idx" ON "dossier_daily_stats" USING btree ("agency_id","day");--> statement-breakpoint
CREATE INDEX "dossier_daily_stats_unit_idx" ON "dossier_daily_stats" USING btree ("unit_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_events_dedupe_idx" ON "dossier_events" USING btree ("dossier_id","at","status");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_source_code_idx" ON "dossiers" USING btree ("source","code");--> statement-breakpoint
CREATE INDEX "dossiers_received_idx" ON "dossiers" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "dossiers_procedure_idx" ON "dossiers" USING btree ("procedure_id","received_at");--> statement-breakpoint
CREATE INDEX "dossiers_unit_path_idx" ON "dossiers" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "dossiers_pending_holder_idx" ON "dossiers" USING btree ("holding_agency_id","due_at") WHERE "dossiers"."finished_at" IS NULL;--> statement-breakpoint
CREATE INDEX "dossiers_pending_due_idx" ON "dossiers" USING btree ("due_at") INCLUDE ("handling_agency_id", "unit_path", "receiving_unit_id", "procedure_id", "channel", "received_at") WHERE "dossiers"."finished_at" IS NULL;--> statement-breakpoint
CREATE INDEX "procedures_field_idx" ON "procedures" USING btree ("field");