CREATE TABLE "camera_event_snapshots" (
	"event_id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"score" double precision NOT NULL,
	"jpeg" "bytea" NOT NULL,
	"bytes" integer NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "camera_event_snapshots_source" CHECK ("camera_event_snapshots"."source" IN ('frigate', 'camera'))
);
--> statement-breakpoint
ALTER TABLE "camera_event_snapshots" ADD CONSTRAINT "camera_event_snapshots_event_id_camera_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."camera_events"("id") ON DELETE cascade ON UPDATE no action;