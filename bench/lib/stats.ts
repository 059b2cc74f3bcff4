// A figure is measured several times; the report shows the median with min and max, never a single run.

export interface Figure {
  /** What was measured, as the table in bench/README.md names it. */
  label: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number[];
  /** The goal, in words ("≤ 25 ms"), and whether the median meets it. */
  goal?: string;
  met?: boolean;
  note?: string;
}

export function median(values: number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function figure(
  label: string,
  unit: string,
  runs: number[],
  goal?: { text: string; met: (median: number) => boolean },
  note?: string,
): Figure {
  const mid = median(runs);
  return {
    label,
    unit,
    median: mid,
    min: Math.min(...runs),
    max: Math.max(...runs),
    runs,
    ...(goal ? { goal: goal.text, met: goal.met(mid) } : {}),
    ...(note ? { note } : {}),
  };
}

/** For counts that must be exactly zero (queries per request). */
export const exactly = (expected: number) => ({ text: String(expected), met: (value: number) => value === expected });
export const none = exactly(0);
export const atMost = (limit: number, unit: string) => ({
  text: `≤ ${limit} ${unit}`.trim(),
  met: (value: number) => value <= limit,
});
export const atLeast = (limit: number, unit = "") => ({
  text: `≥ ${limit} ${unit}`.trim(),
  met: (value: number) => value >= limit,
});
export const between = (low: number, high: number) => ({
  text: `${low}–${high}`,
  met: (value: number) => value >= low && value <= high,
});

export async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}
