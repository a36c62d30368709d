import type { AppEnv } from '../http/env.ts';
import type { ApiKey } from './keys.ts';

/** A request of the city's API: the city's site variables plus the key it authenticated with. */
export type ApiEnv = { Variables: AppEnv['Variables'] & { apiKey: ApiKey } };
