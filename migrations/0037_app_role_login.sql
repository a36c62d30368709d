-- Hand-written. Tenant work logs in as `vc_app` (its own pool) rather than only switching to it
-- inside the transaction, so a `RESET ROLE` there returns to vc_app, never to the owner. Roles are
-- cluster-wide (on Citus the ALTER goes on to every worker); its password, if any, is the operator's
-- to set (README: APP_DATABASE_URL).
DO $$
BEGIN
  ALTER ROLE vc_app LOGIN;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'could not let vc_app log in (%): an administrator must run ALTER ROLE vc_app LOGIN', SQLERRM;
END $$;
