/**
 * Progress of a long run: on a terminal, one bar redrawn in place (done/total, rate, time left);
 * elsewhere (CI logs, a file), a plain line every few seconds, so that logs stay readable.
 */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  update(done: number): void;
  /** Ends the bar's line on a terminal; prints the last state elsewhere. */
  finish(): void;
}

const REDRAW_MS = 100;
const LINE_EVERY_MS = 5000;
const BAR_WIDTH = 30;

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

export function createProgress(total: number, stream: ProgressStream, now: () => number = () => performance.now()): Progress {
  const started = now();
  let shownAt = -Infinity;
  let done = 0;

  const figures = () => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    return `${done}/${total}  ${rate.toFixed(1)}/s  ${done === total ? `done in ${duration(seconds)}` : `${duration(left)} left`}`;
  };

  const draw = () => {
    if (stream.isTTY) {
      const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${figures()}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 120) - 1)}\x1b[K`);
    } else {
      stream.write(`progress ${figures()}\n`);
    }
    shownAt = now();
  };

  return {
    update(count) {
      done = count;
      if (now() - shownAt >= (stream.isTTY ? REDRAW_MS : LINE_EVERY_MS)) draw();
    },
    finish() {
      draw();
      if (stream.isTTY) stream.write('\n');
    },
  };
}
