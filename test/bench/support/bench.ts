// What a benchmark is, for test/bench/run.ts: a name and a run() that prints its own figures.
export interface BenchContext {
  /** Prints one line of the benchmark's output. */
  log(line: string): void;
}

export interface Bench {
  name: string;
  run(context: BenchContext): Promise<void>;
}

/** Nearest-rank percentile of a list of timings. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const ms = (value: number) => `${value.toFixed(0)} ms`;

export interface Timings {
  p50: number;
  p95: number;
  min: number;
  runs: number;
}

export function summarize(values: number[]): Timings {
  return { p50: percentile(values, 50), p95: percentile(values, 95), min: Math.min(...values), runs: values.length };
}

export async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}
