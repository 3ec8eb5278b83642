/**
 * Render threads that cannot start (here: a V8 heap too small to load the renderer) are started
 * again after a growing pause and reported, renders are refused meanwhile instead of waiting, and a
 * started service says it is ready only once its threads are warm. Real worker threads throughout.
 */
import { describe, expect, it } from 'vitest';
import { createThreadedRenderer, type ThreadEvent } from '../../src/adapters/renderer-threads.js';
import { RendererUnavailableError } from '../../src/app/errors.js';
import { startNodeService } from '../../src/entry-node.js';
import type { FactsheetInput } from '../../src/core/render.js';
import { memoryLogger } from '../helpers/memory-logger.js';
import { eventually } from './eventually.js';

describe('render threads that cannot start', () => {
  it('backs off between attempts, reports each failure, and refuses renders at once meanwhile', async () => {
    const events: ThreadEvent[] = [];
    const threaded = createThreadedRenderer(1, { heapMb: 16, backoffMs: 50, onEvent: (event) => events.push(event) });
    try {
      const failures = () => events.filter((event) => event.event === 'render-thread-failed');
      await eventually(async () => failures().length >= 3, 'three failed starts', 20_000);
      expect(failures().map((event) => event.retryInMs).slice(0, 3)).toEqual([50, 100, 200]);
      expect(failures()[0]!.error).toMatch(/memory/i);
      expect(threaded.status()).toMatchObject({ threads: 1, ready: 0, failedStarts: expect.any(Number), lastError: expect.stringMatching(/memory/i) });
      await expect(threaded.factsheetPdf({} as FactsheetInput)).rejects.toBeInstanceOf(RendererUnavailableError);
    } finally {
      await threaded.close();
    }
  });
});

describe('start-up of the Node service', () => {
  it('answers /healthz at once, and /readyz with 503 until its render threads are warm (the last factsheet asked of the service itself), then 200', async () => {
    const logger = memoryLogger();
    const service = await startNodeService({ PORT: '0', RENDER_CONCURRENCY: '1' }, { logger });
    try {
      const [health, early] = await Promise.all([fetch(`${service.url}/healthz`), fetch(`${service.url}/readyz`)]);
      expect(health.status).toBe(200);
      expect(early.status).toBe(503);
      expect(await early.json()).toMatchObject({ ready: false, warm: false });
      await service.ready;
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ready: true, warm: true, renderThreads: { threads: 1, ready: 1 } });
      const events = logger.records.map((record) => record.event).filter(Boolean);
      expect(events).toEqual(expect.arrayContaining(['listening', 'render-thread-ready', 'ready']));
      expect(events.indexOf('ready')).toBeGreaterThan(events.indexOf('render-thread-ready'));
      // The last warm-up round is asked of the service itself, so that the first reader's request does not
      // compile the main thread's path for a PDF either.
      const beforeReady = logger.records.slice(0, logger.records.findIndex((record) => record.event === 'ready'));
      expect(beforeReady).toContainEqual(expect.objectContaining({ method: 'GET', path: expect.stringMatching(/^\/fiche\/\w+\.pdf$/), status: 200 }));
    } finally {
      await service.close();
    }
  });
});
