/**
 * The manifest is re-read in the background once its TTL has passed: a test asks once to start the
 * re-read, then polls until the app answers from what storage now holds. Bounded by a number of
 * checks over real I/O, not by a duration.
 */
export async function eventually(check: () => Promise<boolean>, what: string, maxChecks = 6000): Promise<void> {
  for (let attempt = 0; attempt < maxChecks; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`never reached: ${what}`);
}
