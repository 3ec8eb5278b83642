/** Largest first; equal values in code order, so that every ranking is reproducible. */
export function byValueThenCode<T extends { code: string; value: number }>(a: T, b: T): number {
  return b.value - a.value || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export function sumBy<K>(entries: Iterable<[K, number]>): Map<K, number> {
  const sums = new Map<K, number>();
  for (const [key, value] of entries) sums.set(key, (sums.get(key) ?? 0) + value);
  return sums;
}
