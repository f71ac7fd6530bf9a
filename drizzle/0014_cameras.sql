CREATE TABLE "camera_events" (
	"id" text PRIMARY KEY NOT NULL,
	"camera_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"label" text NOT NULL,
	"sub_label" text,
	"score" double precision NOT NULL,
	"top_score" double precision NOT NULL,
	"current_zones" text[] DEFAULT '{}'::text[] NOT NULL,
	"entered_zones" text[] DEFAULT '{}'::text[] NOT NULL,
	"start_time" timestamp with time zone NOT NULL,
	"end_time" timestamp with time zone,
	"has_snapshot" boolean DEFAULT false NOT NULL,
	"has_clip" boolean DEFAULT false NOT NULL,
	"last_type" text NOT NULL,
	"alarm_id" text,
	"alarm_type" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "camera_events_last_type" CHECK ("camera_events"."last_type" IN ('new', 'update', 'end'))
);
--> statement-breakpoint
CREATE TABLE "cameras" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"rtsp_url" text NOT NULL,
	"location" geometry(Point,4326),
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"ptz" boolean DEFAULT false NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'unknown' NOT NULL,
	"last_seen_at" timestamp with time zone,
	"is_synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cameras_code_unique" UNIQUE("code"),
	CONSTRAINT "cameras_status" CHECK ("cameras"."status" IN ('online', 'offline', 'unknown'))
);
--> statement-breakpoint
ALTER TABLE "camera_events" ADD CONSTRAINT "camera_events_camera_id_cameras_id_fk" FOREIGN KEY ("camera_id") REFERENCES "public"."cameras"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras" ADD CONSTRAINT "cameras_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "camera_events_camera_start_idx" ON "camera_events" USING btree ("camera_id","start_time");--> statement-breakpoint
CREATE INDEX "camera_events_unit_start_idx" ON "camera_events" USING btree ("unit_path","start_time");--> statement-breakpoint
CREATE INDEX "cameras_unit_path_idx" ON "cameras" USING btree ("unit_path");