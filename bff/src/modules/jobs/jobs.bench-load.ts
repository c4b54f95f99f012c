/**
 * Load generator for the job search bench, run in a child process of its own (fork) so the
 * process under test does not also pay for generating the load. Receives one LoadPlan message,
 * answers one LoadResult and exits. Latency percentiles are exact, from every response's time.
 */
// autocannon ships no types; this is the part we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => CannonInstance;

interface CannonInstance extends PromiseLike<{ requests: { average: number; total: number }; non2xx: number; errors: number; duration: number }> {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}

export interface LoadPlan {
  url: string;
  connections: number;
  durationS: number;
  /** Paths to draw from; absent: GET / only. */
  paths?: string[];
  /** Relative frequency of each path (default: equal). */
  weights?: number[];
  seed?: number;
}

export interface LoadResult {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  rps: number;
  total: number;
  non2xx: number;
  errors: number;
  distinctPaths: number;
}

/** A deterministic pseudo-random stream (LCG). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Draws indexes 0..n-1 with probability ∝ weights[i]. */
export function weightedSampler(weights: readonly number[], random: () => number): () => number {
  const cdf: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w;
    cdf.push(sum);
  }
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const paths = plan.paths ?? ['/'];
  const draw = weightedSampler(plan.weights ?? paths.map(() => 1), rng(plan.seed ?? 1));
  const seen = new Set<number>();
  const times: number[] = [];
  const instance = autocannon({
    url: plan.url,
    connections: plan.connections,
    duration: plan.durationS,
    // What browsers and the WeChat client send.
    headers: { 'accept-encoding': 'gzip, deflate, br' },
    requests: [
      {
        method: 'GET',
        setupRequest: (req: Record<string, unknown>) => {
          const i = draw();
          seen.add(i);
          return { ...req, path: paths[i] };
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, ms) => {
    times.push(ms);
  });
  const result = await instance;
  const sorted = Float64Array.from(times).sort();
  return {
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    rps: times.length / (result.duration || plan.durationS),
    total: times.length,
    non2xx: result.non2xx,
    errors: result.errors,
    distinctPaths: seen.size,
  };
}

if (require.main === module && process.send) {
  process.once('message', (plan: LoadPlan) => {
    run(plan).then(
      (r) => process.send?.(r, () => process.exit(0)),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
}
