CREATE TABLE "alarm_escalations" (
	"alarm_id" uuid NOT NULL,
	"route_id" uuid NOT NULL,
	"to_route_id" uuid NOT NULL,
	"escalated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "alarm_escalations_alarm_id_route_id_pk" PRIMARY KEY("alarm_id","route_id")
);
--> statement-breakpoint
ALTER TABLE "alarm_routes" ADD COLUMN "escalate_after_minutes" integer;--> statement-breakpoint
ALTER TABLE "alarm_routes" ADD COLUMN "escalate_to_route_id" uuid;--> statement-breakpoint
ALTER TABLE "alarm_routes" ADD COLUMN "escalation_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "alarm_escalations" ADD CONSTRAINT "alarm_escalations_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_escalations" ADD CONSTRAINT "alarm_escalations_route_id_alarm_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."alarm_routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_escalations" ADD CONSTRAINT "alarm_escalations_to_route_id_alarm_routes_id_fk" FOREIGN KEY ("to_route_id") REFERENCES "public"."alarm_routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_routes" ADD CONSTRAINT "alarm_routes_escalate_to_route_id_alarm_routes_id_fk" FOREIGN KEY ("escalate_to_route_id") REFERENCES "public"."alarm_routes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_routes" ADD CONSTRAINT "alarm_routes_escalation" CHECK ("alarm_routes"."escalate_after_minutes" IS NULL OR "alarm_routes"."escalate_after_minutes" BETWEEN 1 AND 10080);