CREATE TABLE "wall_layouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"columns" smallint NOT NULL,
	"rows" smallint NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wall_layouts_grid" CHECK ("wall_layouts"."columns" BETWEEN 1 AND 12 AND "wall_layouts"."rows" BETWEEN 1 AND 8)
);
--> statement-breakpoint
CREATE TABLE "wall_screen_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"layout_id" uuid NOT NULL,
	"label" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wall_screens" (
	"layout_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"content" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "wall_screens_layout_id_position_pk" PRIMARY KEY("layout_id","position"),
	CONSTRAINT "wall_screens_position" CHECK ("wall_screens"."position" >= 1)
);
--> statement-breakpoint
ALTER TABLE "wall_layouts" ADD CONSTRAINT "wall_layouts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wall_screen_keys" ADD CONSTRAINT "wall_screen_keys_layout_id_wall_layouts_id_fk" FOREIGN KEY ("layout_id") REFERENCES "public"."wall_layouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wall_screens" ADD CONSTRAINT "wall_screens_layout_id_wall_layouts_id_fk" FOREIGN KEY ("layout_id") REFERENCES "public"."wall_layouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "wall_layouts_slug" ON "wall_layouts" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "wall_screen_keys_hash" ON "wall_screen_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "wall_screen_keys_layout" ON "wall_screen_keys" USING btree ("layout_id");