import type { TestProject } from 'vitest/node';
import { createTemplate, dropDatabase } from './database-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's migrated template database on the server at DATABASE_URL; null on PGlite. */
    databaseTemplate: string | null;
  }
}

/** Migrates the run's template database once, before any test file, and drops it after the last. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL;
  const template = serverUrl ? await createTemplate(serverUrl) : null;
  project.provide('databaseTemplate', template);
  return async () => {
    if (serverUrl && template) await dropDatabase(serverUrl, template);
  };
}
