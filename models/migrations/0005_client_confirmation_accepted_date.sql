ALTER TABLE "contract_lines" ADD COLUMN "accepted_date" date;--> statement-breakpoint
ALTER TABLE "contract_lines" ADD COLUMN "accepted_date_set_by" uuid;--> statement-breakpoint
ALTER TABLE "line_reports" ADD COLUMN "client_confirmed" text;--> statement-breakpoint
ALTER TABLE "line_reports" ADD COLUMN "client_confirmed_by" uuid;--> statement-breakpoint
ALTER TABLE "line_reports" ADD COLUMN "client_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contract_lines" ADD CONSTRAINT "contract_lines_accepted_date_set_by_users_id_fk" FOREIGN KEY ("accepted_date_set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_reports" ADD CONSTRAINT "line_reports_client_confirmed_by_users_id_fk" FOREIGN KEY ("client_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;