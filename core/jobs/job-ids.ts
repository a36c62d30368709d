import { v5 as uuidv5 } from 'uuid';

/** Any fixed uuid: the namespace of the queue's derived job ids. */
const NAMESPACE = '8f7e0c62-5d1b-4d3e-9a57-0b6f3c2a9e41';

/**
 * The same id for the same thing, in every process: a scheduled run (job + slot) or one
 * city's share of it. The queue refuses a second job with an id it holds, so processes
 * that enqueue the same run at the same moment queue it once.
 */
export function derivedJobId(...parts: string[]): string {
  return uuidv5(parts.join('\u0000'), NAMESPACE);
}
