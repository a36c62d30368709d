-- Hand-written. The app role `vc_app` does tenant work only, so it holds privileges on the
-- tables with forced row-level security and none on the global tables (cities and their hosts,
-- platform accounts with their password hashes, console sessions, foundations' cities): those
-- are read and written through `db.platform` as the owner.
REVOKE ALL ON TABLE "tenants", "tenant_hosts", "platform_accounts", "platform_sessions", "foundation_cities" FROM vc_app;--> statement-breakpoint
-- New tables are no longer granted to vc_app by default (0000 did): `npm run db:generate` grants a
-- table where it forces row-level security (core/db/force-rls.ts), and a global table gets only
-- what its own migration grants by hand.
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM vc_app;
