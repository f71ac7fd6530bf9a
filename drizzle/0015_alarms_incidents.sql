CREATE SEQUENCE "public"."incident_code_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "alarm_evaluator_lease" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"leased_until" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alarm_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alarm_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"alarm_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"text" text,
	"actor_id" uuid,
	"actor_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alarm_notification_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"route_id" uuid NOT NULL,
	"group_key" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"send_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alarm_notification_items" (
	"group_id" uuid NOT NULL,
	"alarm_id" uuid NOT NULL,
	CONSTRAINT "alarm_notification_items_group_id_alarm_id_pk" PRIMARY KEY("group_id","alarm_id")
);
--> statement-breakpoint
CREATE TABLE "alarm_routes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"min_severity" text NOT NULL,
	"channel" text NOT NULL,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"webhook_url" text,
	"webhook_secret" text,
	"group_wait_seconds" integer DEFAULT 30 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alarm_routes_channel" CHECK ("alarm_routes"."channel" IN ('in-app', 'email', 'webhook')),
	CONSTRAINT "alarm_routes_severity" CHECK ("alarm_routes"."min_severity" IN ('critical', 'major', 'minor', 'warning', 'info'))
);
--> statement-breakpoint
CREATE TABLE "alarm_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"device_type" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"kind" text NOT NULL,
	"metric" text,
	"operator" text,
	"threshold" double precision,
	"clear_threshold" double precision,
	"for_seconds" integer,
	"repeat_count" integer,
	"silent_minutes" integer,
	"severity" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alarm_rules_kind" CHECK ("alarm_rules"."kind" IN ('threshold', 'for-duration', 'repeat', 'rate-of-change', 'no-data')),
	CONSTRAINT "alarm_rules_operator" CHECK ("alarm_rules"."operator" IS NULL OR "alarm_rules"."operator" IN ('>', '>=', '<', '<=')),
	CONSTRAINT "alarm_rules_severity" CHECK ("alarm_rules"."severity" IN ('critical', 'major', 'minor', 'warning', 'info'))
);
--> statement-breakpoint
CREATE TABLE "alarm_silences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"rule_id" uuid,
	"source_id" text,
	"device_type" text,
	"alarm_type" text,
	"unit_id" uuid,
	"unit_path" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"expired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alarm_silences_kind" CHECK ("alarm_silences"."kind" IN ('silence', 'maintenance')),
	CONSTRAINT "alarm_silences_window" CHECK ("alarm_silences"."ends_at" > "alarm_silences"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "alarms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rule_id" uuid,
	"type" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" text NOT NULL,
	"source_name" text NOT NULL,
	"device_type" text,
	"unit_path" text NOT NULL,
	"group_path" text NOT NULL,
	"location" geometry(Point,4326),
	"severity" text NOT NULL,
	"message" text NOT NULL,
	"message_en" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_value" double precision,
	"count" integer DEFAULT 1 NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"cleared_at" timestamp with time zone,
	"cleared_by" text,
	"assignee_id" uuid,
	"assignee_name" text,
	"silence_id" uuid,
	"incident_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alarms_severity" CHECK ("alarms"."severity" IN ('critical', 'major', 'minor', 'warning', 'info')),
	CONSTRAINT "alarms_source_kind" CHECK ("alarms"."source_kind" IN ('device', 'camera'))
);
--> statement-breakpoint
CREATE TABLE "incident_dispatches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"note" text,
	"dispatched_at" timestamp with time zone NOT NULL,
	"dispatched_by_name" text NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_id" uuid,
	"acknowledged_by_name" text
);
--> statement-breakpoint
CREATE TABLE "incident_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incident_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"incident_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"agency_id" uuid,
	"text" text,
	"actor_id" uuid,
	"actor_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_sources" (
	"incident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"label" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_sources_kind" CHECK ("incident_sources"."kind" IN ('alarm', 'report'))
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"severity" text NOT NULL,
	"status" text NOT NULL,
	"location" geometry(Point,4326),
	"address" text,
	"unit_id" uuid,
	"unit_path" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"dispatched_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closure_report" text,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_code_unique" UNIQUE("code"),
	CONSTRAINT "incidents_type" CHECK ("incidents"."type" IN ('accident', 'congestion', 'violation', 'fight', 'fire', 'gathering', 'flood', 'environment', 'other')),
	CONSTRAINT "incidents_status" CHECK ("incidents"."status" IN ('open', 'dispatched', 'in_progress', 'resolved', 'closed')),
	CONSTRAINT "incidents_severity" CHECK ("incidents"."severity" IN ('critical', 'major', 'minor', 'warning', 'info')),
	CONSTRAINT "incidents_closed_has_report" CHECK ("incidents"."status" <> 'closed' OR "incidents"."closure_report" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "alarm_events" ADD CONSTRAINT "alarm_events_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_notification_groups" ADD CONSTRAINT "alarm_notification_groups_route_id_alarm_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."alarm_routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_notification_items" ADD CONSTRAINT "alarm_notification_items_group_id_alarm_notification_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."alarm_notification_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_notification_items" ADD CONSTRAINT "alarm_notification_items_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_routes" ADD CONSTRAINT "alarm_routes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_rules" ADD CONSTRAINT "alarm_rules_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_silences" ADD CONSTRAINT "alarm_silences_rule_id_alarm_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alarm_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_silences" ADD CONSTRAINT "alarm_silences_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_rule_id_alarm_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alarm_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_dispatches" ADD CONSTRAINT "incident_dispatches_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_dispatches" ADD CONSTRAINT "incident_dispatches_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_sources" ADD CONSTRAINT "incident_sources_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alarm_events_alarm_idx" ON "alarm_events" USING btree ("alarm_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "alarm_notification_groups_open_idx" ON "alarm_notification_groups" USING btree ("route_id","group_key") WHERE "alarm_notification_groups"."sent_at" IS NULL;--> statement-breakpoint
CREATE INDEX "alarm_notification_groups_due_idx" ON "alarm_notification_groups" USING btree ("send_at") WHERE "alarm_notification_groups"."sent_at" IS NULL;--> statement-breakpoint
CREATE INDEX "alarm_rules_type_idx" ON "alarm_rules" USING btree ("device_type");--> statement-breakpoint
CREATE INDEX "alarm_rules_unit_path_idx" ON "alarm_rules" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "alarm_silences_window_idx" ON "alarm_silences" USING btree ("ends_at","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alarms_one_open_idx" ON "alarms" USING btree ("source_kind","source_id","dedupe_key") WHERE "alarms"."cleared_at" IS NULL;--> statement-breakpoint
CREATE INDEX "alarms_unit_path_idx" ON "alarms" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "alarms_open_idx" ON "alarms" USING btree ("raised_at") WHERE "alarms"."cleared_at" IS NULL;--> statement-breakpoint
CREATE INDEX "alarms_raised_idx" ON "alarms" USING btree ("raised_at");--> statement-breakpoint
CREATE INDEX "alarms_rule_idx" ON "alarms" USING btree ("rule_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_dispatches_agency_idx" ON "incident_dispatches" USING btree ("incident_id","agency_id");--> statement-breakpoint
CREATE INDEX "incident_dispatches_agency_open_idx" ON "incident_dispatches" USING btree ("agency_id") WHERE "incident_dispatches"."acknowledged_at" IS NULL;--> statement-breakpoint
CREATE INDEX "incident_events_incident_idx" ON "incident_events" USING btree ("incident_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_sources_ref_idx" ON "incident_sources" USING btree ("kind","ref_id");--> statement-breakpoint
CREATE INDEX "incident_sources_incident_idx" ON "incident_sources" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incidents_unit_path_idx" ON "incidents" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "incidents_occurred_idx" ON "incidents" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "incidents_status_idx" ON "incidents" USING btree ("status","occurred_at");--> statement-breakpoint
CREATE INDEX "incidents_location_idx" ON "incidents" USING gist ("location");