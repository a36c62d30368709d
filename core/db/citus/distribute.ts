/**
 * How the schema becomes distributed on a Citus coordinator (DESIGN.md, "Scaling out").
 * Global tables (no row-level security: cities and their hosts, platform accounts) become
 * reference tables, copied to every node; tenant tables (forced row-level security) are
 * distributed by `tenant_id`, all co-located, so a city's rows of every table share a shard.
 * On plain PostgreSQL and PGlite none of this runs.
 */

/** Whether the database is a Citus coordinator: the extension is installed in it. */
export const IS_CITUS = `select exists (select from pg_extension where extname = 'citus') as citus`;

/**
 * Settings for a migration on Citus: the append-only triggers (audit log, ledger) are
 * refused on distributed tables without `enable_unsafe_triggers` (they only touch their own
 * row, which is what makes them safe here), and DDL mixed with distribution in one
 * transaction must run over one connection per node.
 */
export const MIGRATION_SETTINGS = `select set_config('citus.enable_unsafe_triggers', 'on', true),
  set_config('citus.multi_shard_modify_mode', 'sequential', true)`;

/**
 * Distributes every table of the public schema that Citus does not know yet: idempotent, so
 * it runs after each migration and again at the end. Foreign keys touching such a table are
 * set aside while it is distributed (Citus refuses a key between a local table and a
 * distributed one) and put back unchanged: every key between tenant tables includes
 * `tenant_id`, so each stays on one shard.
 */
export const DISTRIBUTE_NEW_TABLES = `DO $distribute$
DECLARE
  fresh oid[];
  anchor regclass;
  t regclass;
  fk record;
  keys text[] := '{}';
  defs text[] := '{}';
  owners regclass[] := '{}';
BEGIN
  SELECT coalesce(array_agg(c.oid ORDER BY c.relname), '{}') INTO fresh
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND NOT EXISTS (SELECT FROM pg_dist_partition p WHERE p.logicalrelid = c.oid);
  IF cardinality(fresh) = 0 THEN RETURN; END IF;

  FOR fk IN SELECT con.conname, con.conrelid::regclass AS owner, pg_get_constraintdef(con.oid) AS def
      FROM pg_constraint con
      WHERE con.contype = 'f' AND (con.conrelid = ANY (fresh) OR con.confrelid = ANY (fresh))
  LOOP
    keys := keys || fk.conname::text; owners := owners || fk.owner; defs := defs || fk.def;
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.owner, fk.conname);
  END LOOP;

  FOR t IN SELECT c.oid::regclass FROM pg_class c WHERE c.oid = ANY (fresh) AND NOT c.relrowsecurity ORDER BY c.relname LOOP
    PERFORM create_reference_table(t);
  END LOOP;

  SELECT logicalrelid INTO anchor FROM pg_dist_partition WHERE partmethod = 'h' ORDER BY logicalrelid LIMIT 1;
  FOR t IN SELECT c.oid::regclass FROM pg_class c WHERE c.oid = ANY (fresh) AND c.relrowsecurity ORDER BY c.relname LOOP
    IF anchor IS NULL THEN
      PERFORM create_distributed_table(t, 'tenant_id');
      anchor := t;
    ELSE
      PERFORM create_distributed_table(t, 'tenant_id', colocate_with => anchor::text);
    END IF;
  END LOOP;

  FOR i IN 1 .. cardinality(keys) LOOP
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', owners[i], keys[i], defs[i]);
  END LOOP;
END $distribute$`;

const foreignKey = /^\s*ALTER TABLE "[^"]+" ADD CONSTRAINT "[^"]+" FOREIGN KEY /;
const addedCheck = /^\s*ALTER TABLE "([^"]+)" ADD CONSTRAINT "[^"]+" CHECK /;

/**
 * A check added to an existing table with its columns as drizzle-kit writes them,
 * `"table"."column"`, fails on the shards: Citus renames the table to the shard's name but not
 * the qualifier. A check can only name its own table's columns, so the qualifier goes.
 */
function unqualifiedCheck(statement: string): string {
  const table = addedCheck.exec(statement)?.[1];
  return table ? statement.replaceAll(`"${table}".`, '') : statement;
}

/**
 * A migration's statements as Citus can run them: its new tables are distributed before its
 * foreign keys are added, because a key from a table still local to a distributed one is
 * refused. drizzle-kit writes each key as a statement of its own after the tables.
 */
export function statementsForCitus(statements: string[]): string[] {
  const keys = statements.filter((s) => foreignKey.test(s));
  const rest = statements.filter((s) => !foreignKey.test(s)).map(unqualifiedCheck);
  return [MIGRATION_SETTINGS, ...rest, DISTRIBUTE_NEW_TABLES, ...keys];
}
