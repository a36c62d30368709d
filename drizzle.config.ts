import { defineConfig } from 'drizzle-kit';

// Generate only (never push): `npm run db:generate` also adds FORCE ROW LEVEL SECURITY.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./core/db/schema/*.ts', './core/*/schema.ts', './core/volunteering/*/schema.ts', './plugins/*/schema.ts'],
  out: './migrations',
});
