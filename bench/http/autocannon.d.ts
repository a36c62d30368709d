declare module 'autocannon' {
  type Histogram = { average: number; mean: number; p50: number; p99: number; max: number; total: number };
  export type Result = {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    duration: number;
  };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    pipelining?: number;
    headers?: Record<string, string>;
    timeout?: number;
    /** One entry: `setupRequest` may rewrite every request (its path, say). */
    requests?: { setupRequest?: (request: { path: string }) => { path: string } }[];
  };
  export default function autocannon(options: Options): Promise<Result>;
}
