import { APP_ROLE } from '../database.ts';

/**
 * On Citus the coordinator opens its connections to the workers as the current role, which
 * inside a tenant transaction is the app role: it must be allowed to log in (Citus sends the
 * ALTER ROLE on to every worker). Its credentials for those connections are the operator's to
 * give (README, "Running on Citus"): a password on the role and a `pg_dist_authinfo` row, or
 * trust/certificates in pg_hba.conf between the nodes.
 */
export const APP_ROLE_LOGIN = `alter role ${APP_ROLE} login`;
