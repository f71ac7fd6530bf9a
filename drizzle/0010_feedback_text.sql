CREATE TABLE "faq_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"alternatives" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "faq_entries_question_length" CHECK (char_length("faq_entries"."question") BETWEEN 3 AND 500),
	CONSTRAINT "faq_entries_answer_length" CHECK (char_length("faq_entries"."answer") BETWEEN 1 AND 4000)
);
--> statement-breakpoint
CREATE TABLE "faq_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"min_confidence" double precision DEFAULT 0.55 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "faq_settings_one_row" CHECK ("faq_settings"."id" = 1),
	CONSTRAINT "faq_settings_confidence" CHECK ("faq_settings"."min_confidence" > 0 AND "faq_settings"."min_confidence" <= 1)
);
--> statement-breakpoint
CREATE TABLE "report_suggestions" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"category_code" text,
	"category_probability" double precision,
	"agency_id" uuid,
	"agency_probability" double precision,
	"words" text[] NOT NULL,
	"detail" jsonb NOT NULL,
	"trained_on" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_suggestions" ADD CONSTRAINT "report_suggestions_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_suggestions" ADD CONSTRAINT "report_suggestions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;