-- Hand-edited after drizzle-kit generate: report_events partitioned by year of "at" (partitions 2020–2035 + default).
-- reports.location is geometry(Point,4326) through the custom type in src/server/db/geometry.ts (no SRID edit needed).
CREATE TABLE "report_categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"group_name" text NOT NULL,
	"description" text,
	"is_emergency" boolean DEFAULT false NOT NULL,
	"emergency_number" text,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_categories_code_unique" UNIQUE("code"),
	CONSTRAINT "report_categories_emergency" CHECK (NOT "report_categories"."is_emergency" OR "report_categories"."emergency_number" IN ('113', '114', '115'))
);
--> statement-breakpoint
CREATE TABLE "report_events" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "report_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"agency_id" uuid,
	"is_public" boolean DEFAULT false NOT NULL,
	"text" text,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	CONSTRAINT "report_events_id_at_pk" PRIMARY KEY("id","at")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
-- One partition per year, 2020–2035, as for dossier_events; other years fall into the default partition.
DO $$
BEGIN
  FOR y IN 2020..2035 LOOP
    EXECUTE format('CREATE TABLE report_events_y%s PARTITION OF report_events FOR VALUES FROM (%L) TO (%L)',
      y, make_date(y, 1, 1)::timestamptz, make_date(y + 1, 1, 1)::timestamptz);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE TABLE "report_events_default" PARTITION OF "report_events" DEFAULT;
--> statement-breakpoint
CREATE TABLE "report_routes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"category_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_sla_settings" (
	"category_id" uuid NOT NULL,
	"urgency" text NOT NULL,
	"accept_hours" double precision NOT NULL,
	"resolve_hours" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_sla_settings_category_id_urgency_pk" PRIMARY KEY("category_id","urgency"),
	CONSTRAINT "report_sla_settings_urgency" CHECK ("report_sla_settings"."urgency" IN ('urgent', 'complex', 'normal')),
	CONSTRAINT "report_sla_settings_hours" CHECK ("report_sla_settings"."accept_hours" > 0 AND "report_sla_settings"."resolve_hours" >= "report_sla_settings"."accept_hours")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tracking_code" text NOT NULL,
	"token" text NOT NULL,
	"category_id" uuid NOT NULL,
	"description" text NOT NULL,
	"location" geometry(Point,4326),
	"address" text,
	"unit_id" uuid,
	"unit_path" text NOT NULL,
	"channel" text NOT NULL,
	"reporter_name" text,
	"reporter_phone" text,
	"reporter_email" text,
	"state" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"agency_id" uuid,
	"accept_due_at" timestamp with time zone,
	"resolve_due_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"public_answer" text,
	"duplicate_of_id" uuid,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"media_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_tracking_code_unique" UNIQUE("tracking_code"),
	CONSTRAINT "reports_token_unique" UNIQUE("token"),
	CONSTRAINT "reports_channel" CHECK ("reports"."channel" IN ('web', 'open311', 'phone', 'email', 'zalo', 'facebook')),
	CONSTRAINT "reports_urgency" CHECK ("reports"."urgency" IN ('urgent', 'complex', 'normal')),
	CONSTRAINT "reports_state" CHECK ("reports"."state" IN ('new', 'triaged', 'assigned', 'in_progress', 'action_scheduled', 'resolved', 'closed_not_fixed', 'not_our_responsibility', 'duplicate', 'rejected', 'cancelled')),
	CONSTRAINT "reports_description_length" CHECK (char_length("reports"."description") BETWEEN 1 AND 4000)
);
--> statement-breakpoint
ALTER TABLE "report_routes" ADD CONSTRAINT "report_routes_category_id_report_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."report_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_routes" ADD CONSTRAINT "report_routes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_routes" ADD CONSTRAINT "report_routes_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_sla_settings" ADD CONSTRAINT "report_sla_settings_category_id_report_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."report_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_category_id_report_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."report_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_events_report_idx" ON "report_events" USING btree ("report_id","at");--> statement-breakpoint
CREATE INDEX "report_events_public_at_idx" ON "report_events" USING btree ("at") WHERE "report_events"."is_public";--> statement-breakpoint
CREATE UNIQUE INDEX "report_routes_category_unit_idx" ON "report_routes" USING btree ("category_id","unit_id");--> statement-breakpoint
CREATE INDEX "reports_unit_path_idx" ON "reports" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "reports_created_idx" ON "reports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "reports_updated_idx" ON "reports" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "reports_agency_state_idx" ON "reports" USING btree ("agency_id","state","created_at");--> statement-breakpoint
CREATE INDEX "reports_state_idx" ON "reports" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "reports_category_idx" ON "reports" USING btree ("category_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_location_idx" ON "reports" USING gist ("location");