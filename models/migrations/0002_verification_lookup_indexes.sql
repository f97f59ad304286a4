CREATE INDEX "contracts_document_idx" ON "contracts" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "documents_report_number_digits_idx" ON "documents" USING btree (regexp_replace(normalize(("effective" ->> 'reportNumber'), NFKC), '[^0-9]', '', 'g'));--> statement-breakpoint
CREATE INDEX "line_reports_document_idx" ON "line_reports" USING btree ("document_id");