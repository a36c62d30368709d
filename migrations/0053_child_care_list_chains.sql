ALTER TABLE "child_care_visits_access_log" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "child_care_visits_access_log" DROP CONSTRAINT "child_care_visits_access_log_tenant_id_seq_pk";--> statement-breakpoint
ALTER TABLE "child_care_visits_access_log" ADD CONSTRAINT "child_care_visits_access_log_tenant_id_chain_seq_pk" PRIMARY KEY("tenant_id","chain","seq");
