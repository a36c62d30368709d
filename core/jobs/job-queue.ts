export type SendOptions = {
  /** Not before this moment (a Date), or this many seconds from now. */
  startAfter?: Date | number;
  /** While a job with this key waits to run, sending another with it queues nothing (one more may queue while one runs). */
  singletonKey?: string;
};

/** The durable job queue, as the app and the tests see it (created by createApp, started by core/main.ts). */
export interface JobQueue {
  /** Queues a core job by name. Call it after the tenant transaction that caused it, never inside one (on PGlite it would wait for that transaction forever). */
  send(name: string, data?: object, options?: SendOptions): Promise<void>;
  /** Tests: runs every job that is ready now, in this process, until none is left. */
  drain(): Promise<void>;
}

/** Queues a job under an id of the caller's (from inside a job): a second job with an id the queue holds is not queued. */
export type Enqueue = (name: string, data: Record<string, unknown>, options: { id: string }) => Promise<void>;
