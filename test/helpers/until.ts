/**
 * Waits for a condition the code under test reaches through real I/O (reads, sockets), checking
 * between event-loop turns. It bounds the number of checks, not a duration, so a slow machine only
 * makes it slower.
 */
export async function until(condition: () => boolean, what: string, maxChecks = 20_000): Promise<void> {
  for (let check = 0; check < maxChecks; check += 1) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never reached: ${what}`);
}
