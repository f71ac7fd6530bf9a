CREATE TABLE "report_canned_answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid,
	"category_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_canned_answers_body_length" CHECK (char_length("report_canned_answers"."body") BETWEEN 1 AND 4000)
);
--> statement-breakpoint
CREATE TABLE "report_media" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"original" "bytea" NOT NULL,
	"public_content" "bytea" NOT NULL,
	"public_content_type" text NOT NULL,
	"redacted" boolean DEFAULT false NOT NULL,
	"redacted_at" timestamp with time zone,
	"redacted_by" text,
	"redaction_reason" text,
	"file_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_media_kind" CHECK ("report_media"."kind" IN ('report', 'answer'))
);
--> statement-breakpoint
CREATE TABLE "report_ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"state_rated" text NOT NULL,
	"agency_id" uuid,
	"score" smallint NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_ratings_score" CHECK ("report_ratings"."score" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "report_sla_alerts" (
	"report_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"alerted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "report_sla_alerts_report_id_stage_due_at_pk" PRIMARY KEY("report_id","stage","due_at"),
	CONSTRAINT "report_sla_alerts_stage" CHECK ("report_sla_alerts"."stage" IN ('accept-warning', 'accept-breach', 'resolve-warning', 'resolve-breach'))
);
--> statement-breakpoint
CREATE TABLE "report_supporters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"source_report_id" uuid,
	"channel" text NOT NULL,
	"name" text,
	"phone" text,
	"email" text,
	"comment" text,
	"notify" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_canned_answers" ADD CONSTRAINT "report_canned_answers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_canned_answers" ADD CONSTRAINT "report_canned_answers_category_id_report_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."report_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_canned_answers" ADD CONSTRAINT "report_canned_answers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_media" ADD CONSTRAINT "report_media_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_ratings" ADD CONSTRAINT "report_ratings_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_ratings" ADD CONSTRAINT "report_ratings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_sla_alerts" ADD CONSTRAINT "report_sla_alerts_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_supporters" ADD CONSTRAINT "report_supporters_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_supporters" ADD CONSTRAINT "report_supporters_source_report_id_reports_id_fk" FOREIGN KEY ("source_report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_canned_answers_agency_idx" ON "report_canned_answers" USING btree ("agency_id","title");--> statement-breakpoint
CREATE INDEX "report_media_report_idx" ON "report_media" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_ratings_closure_idx" ON "report_ratings" USING btree ("report_id","closed_at");--> statement-breakpoint
CREATE INDEX "report_ratings_created_idx" ON "report_ratings" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "report_ratings_agency_idx" ON "report_ratings" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "report_supporters_report_idx" ON "report_supporters" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_supporters_source_idx" ON "report_supporters" USING btree ("report_id","source_report_id");--> statement-breakpoint
CREATE INDEX "reports_location_geog_idx" ON "reports" USING gist (("location"::geography));--> statement-breakpoint
CREATE INDEX "reports_open_accept_due_idx" ON "reports" USING btree ("accept_due_at") WHERE "reports"."accepted_at" IS NULL AND "reports"."closed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "reports_open_resolve_due_idx" ON "reports" USING btree ("resolve_due_at") WHERE "reports"."closed_at" IS NULL;