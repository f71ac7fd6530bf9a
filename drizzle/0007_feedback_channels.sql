CREATE TABLE "channel_mailbox_cursors" (
	"mailbox" text PRIMARY KEY NOT NULL,
	"uid_validity" bigint NOT NULL,
	"last_uid" bigint DEFAULT 0 NOT NULL,
	"leased_until" timestamp with time zone,
	"leased_by" text,
	"polled_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"direction" text NOT NULL,
	"external_id" text NOT NULL,
	"contact" text NOT NULL,
	"contact_name" text,
	"report_id" uuid,
	"kind" text DEFAULT 'message' NOT NULL,
	"subject" text,
	"text" text NOT NULL,
	"thread_refs" text[] DEFAULT '{}'::text[] NOT NULL,
	"raw" jsonb,
	"sent_at" timestamp with time zone,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"outbox_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "channel_messages_channel" CHECK ("channel_messages"."channel" IN ('email', 'zalo', 'facebook')),
	CONSTRAINT "channel_messages_direction" CHECK ("channel_messages"."direction" IN ('in', 'out')),
	CONSTRAINT "channel_messages_status" CHECK ("channel_messages"."status" IN ('pending', 'processed', 'ignored', 'failed', 'queued', 'fallback', 'undeliverable'))
);
--> statement-breakpoint
CREATE TABLE "channel_threads" (
	"report_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"contact" text NOT NULL,
	"contact_name" text,
	"subject" text,
	"last_inbound_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_threads_report_id_channel_contact_pk" PRIMARY KEY("report_id","channel","contact")
);
--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_threads" ADD CONSTRAINT "channel_threads_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "channel_messages_external_idx" ON "channel_messages" USING btree ("channel","direction","external_id");--> statement-breakpoint
CREATE INDEX "channel_messages_pending_idx" ON "channel_messages" USING btree ("created_at") WHERE "channel_messages"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "channel_messages_report_idx" ON "channel_messages" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE INDEX "channel_messages_contact_idx" ON "channel_messages" USING btree ("channel","contact","created_at");--> statement-breakpoint
CREATE INDEX "channel_threads_contact_idx" ON "channel_threads" USING btree ("channel","contact","last_inbound_at");