CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" bigint NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "dimension_options" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dimension_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dimensions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dimensions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "form_assignments" (
	"form_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"agency_id" uuid
);
--> statement-breakpoint
CREATE TABLE "form_rows" (
	"form_id" uuid NOT NULL,
	"row_code" text NOT NULL,
	"section" text,
	"indicator_id" uuid NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "form_rows_form_id_row_code_pk" PRIMARY KEY("form_id","row_code")
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"period_type" text NOT NULL,
	"cutoff_day" integer DEFAULT 1 NOT NULL,
	"deadline_days" integer NOT NULL,
	"reminder_days" integer DEFAULT 2 NOT NULL,
	"valid_from_period" text NOT NULL,
	"legal_basis" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forms_cutoff" CHECK ("forms"."cutoff_day" BETWEEN 1 AND 28)
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_values_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"indicator_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"period_type" text NOT NULL,
	"period_id" text NOT NULL,
	"period_start" date NOT NULL,
	"option_key" text DEFAULT '' NOT NULL,
	"value" double precision,
	"comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"submission_id" uuid,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"measure_unit" text NOT NULL,
	"sector" text NOT NULL,
	"value_type" text NOT NULL,
	"unit_aggregation" text NOT NULL,
	"time_aggregation" text NOT NULL,
	"decimals" integer DEFAULT 0 NOT NULL,
	"min_value" double precision,
	"max_value" double precision,
	"owner_agency_id" uuid,
	"formula" text,
	"dimension_codes" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"description" text,
	"legal_basis" text,
	"higher_is_better" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"form_id" uuid NOT NULL,
	"form_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"period_id" text NOT NULL,
	"state" text NOT NULL,
	"due_on" date NOT NULL,
	"submitted_at" timestamp with time zone,
	"first_submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"indicator_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"annual" double precision NOT NULL,
	"monthly" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_indicator_id_unit_id_year_pk" PRIMARY KEY("indicator_id","unit_id","year")
);
--> statement-breakpoint
CREATE TABLE "validation_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"form_code" text,
	"params" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "validation_rules_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "value_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "value_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"value_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_name" text NOT NULL,
	"actor_id" text,
	"old_value" double precision,
	"new_value" double precision,
	"comment" text,
	"source" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dimension_options" ADD CONSTRAINT "dimension_options_dimension_id_dimensions_id_fk" FOREIGN KEY ("dimension_id") REFERENCES "public"."dimensions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_assignments" ADD CONSTRAINT "form_assignments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_assignments" ADD CONSTRAINT "form_assignments_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_rows" ADD CONSTRAINT "form_rows_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_rows" ADD CONSTRAINT "form_rows_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dimension_options_code_idx" ON "dimension_options" USING btree ("dimension_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "form_assignments_idx" ON "form_assignments" USING btree ("form_code","unit_id",coalesce("agency_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE UNIQUE INDEX "forms_code_version_idx" ON "forms" USING btree ("code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_values_key_idx" ON "indicator_values" USING btree ("indicator_id","unit_id","period_type","period_id","option_key");--> statement-breakpoint
CREATE INDEX "indicator_values_period_idx" ON "indicator_values" USING btree ("indicator_id","period_type","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_key_idx" ON "submissions" USING btree ("form_code","unit_id","period_id");--> statement-breakpoint
CREATE INDEX "submissions_period_idx" ON "submissions" USING btree ("form_code","period_id");--> statement-breakpoint
CREATE INDEX "value_changes_value_idx" ON "value_changes" USING btree ("value_id");