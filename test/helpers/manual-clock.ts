/** A clock the test moves by hand, so that TTL expiry is a step in the test, never a wait. */
export function manualClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advanceSeconds(seconds: number) {
      now += seconds * 1000;
    },
  };
}
