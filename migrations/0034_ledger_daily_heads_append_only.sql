-- Hand-written. A published daily chain head is never changed: the app role may
-- insert and read it, nothing more.
REVOKE UPDATE, DELETE, TRUNCATE ON "ledger_daily_heads" FROM vc_app;
