import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Errors of the API as RFC 9457 problem details (`application/problem+json`):
 * a stable `type` per kind of problem, a `title`, and a `detail` a developer can act on.
 */
export const PROBLEM_TYPE_BASE = 'https://volunteer-commons.example/problems/';

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: `${PROBLEM_TYPE_BASE}not-found` }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof ProblemSchema>;

/** Thrown by an API handler: answered as problem+json, and the request's work is rolled back. */
export class ApiProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly kind: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: Problem['errors'],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  toJSON(): Problem {
    return { type: PROBLEM_TYPE_BASE + this.kind, title: this.title, status: this.status, detail: this.detail, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

export const notFound = (what: string) => new ApiProblem(404, 'not-found', 'Not found', `No ${what} with this id in this city.`);

export function problemResponse(c: Context, problem: ApiProblem): Response {
  return c.body(JSON.stringify(problem.toJSON()), problem.status, { 'content-type': 'application/problem+json', ...problem.headers });
}

/** The problem responses every route may give, for the OpenAPI document. */
export const problemContent = { 'application/problem+json': { schema: ProblemSchema } };
export const commonProblems = {
  400: { description: 'The request is malformed; `errors` lists each field', content: problemContent },
  401: { description: 'No valid API key for this city', content: problemContent },
  403: { description: 'The key lacks the scope this route needs', content: problemContent },
  429: { description: 'Too many requests with this key; see Retry-After', content: problemContent },
} as const;
