import type { Hono } from 'hono';
import type { PluginEnv } from '../../core/plugin-api.ts';
import { batchRoutes } from './batch-routes.tsx';
import { cardRoutes } from './card-routes.tsx';
import { caseRoutes } from './case-routes.tsx';
import { consultationRoutes } from './consultation-routes.tsx';
import { hoursRoutes } from './hours-routes.tsx';
import { lessonRoutes } from './lesson-routes.tsx';
import { matchingRoutes } from './matching-routes.tsx';

/** Every page of the legal-aid card, mounted at /p/legal-aid-card/ for cities that enabled it. */
export function routes(app: Hono<PluginEnv>) {
  cardRoutes(app);
  consultationRoutes(app);
  lessonRoutes(app);
  caseRoutes(app);
  matchingRoutes(app);
  hoursRoutes(app);
  batchRoutes(app);
}
