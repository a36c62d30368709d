CREATE TABLE "tenant_syncs" (
	"fingerprint" text PRIMARY KEY NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
