/** The progress of render:all: a bar redrawn in place on a terminal, plain lines every few seconds elsewhere. */
import { describe, expect, it } from 'vitest';
import { createProgress, duration } from '../../src/prerender/progress.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, columns: 100, write: (text: string) => writes.push(text) };
}

describe('progress', () => {
  it('redraws one line on a terminal with done/total, rate and time left, and ends it', () => {
    let now = 0;
    const out = stream(true);
    const progress = createProgress(10, out, () => now);
    now = 2000;
    progress.update(5);
    expect(out.writes.at(-1)).toBe(`\r[${'#'.repeat(15)}${'.'.repeat(15)}] 5/10  2.5/s  2.0 s left\x1b[K`);
    now = 2050;
    progress.update(6);
    expect(out.writes).toHaveLength(1);
    now = 4000;
    progress.update(10);
    progress.finish();
    expect(out.writes.at(-2)).toContain('10/10  2.5/s  done in 4.0 s');
    expect(out.writes.at(-1)).toBe('\n');
  });

  it('writes a plain line at most every 5 seconds elsewhere', () => {
    let now = 0;
    const out = stream(false);
    const progress = createProgress(100, out, () => now);
    for (let done = 1; done <= 100; done++) {
      now = done * 200;
      progress.update(done);
    }
    progress.finish();
    expect(out.writes.every((line) => line.startsWith('progress ') && line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(out.writes.length).toBeGreaterThanOrEqual(4);
    expect(out.writes.length).toBeLessThanOrEqual(6);
    expect(out.writes.at(-1)).toBe('progress 100/100  5.0/s  done in 20 s\n');
  });

  it('says minutes past one minute', () => {
    expect(duration(125)).toBe('2 min 05 s');
    expect(duration(1559.6)).toBe('26 min 00 s');
    expect(duration(Number.POSITIVE_INFINITY)).toBe('?');
  });
});
