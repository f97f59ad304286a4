CREATE TYPE "public"."sampling_kind" AS ENUM('supervision', 'risk_monitoring');--> statement-breakpoint
CREATE TABLE "campaign_statistics_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"reporting_unit" text NOT NULL,
	"cells" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sampling_results" ADD COLUMN "kind" "sampling_kind" DEFAULT 'supervision' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_statistics_entries" ADD CONSTRAINT "campaign_statistics_entries_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_statistics_entries" ADD CONSTRAINT "campaign_statistics_entries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_statistics_entries_period_uq" ON "campaign_statistics_entries" USING btree ("district_id","period_start","period_end");