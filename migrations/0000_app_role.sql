-- Hand-written. The application's tenant work runs as `vc_app` (SET LOCAL ROLE in
-- each transaction): not a superuser, not the owner, no BYPASSRLS, so forced
-- row-level security applies to it. Roles are cluster-wide: create it only once.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vc_app') THEN
    CREATE ROLE vc_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database on this server created it at the same moment
END $$;--> statement-breakpoint
-- The migrating (owner) user must be able to switch to vc_app.
DO $$
BEGIN
  EXECUTE format('GRANT vc_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'could not grant vc_app to %: %', current_user, SQLERRM;
END $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO vc_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO vc_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO vc_app;
