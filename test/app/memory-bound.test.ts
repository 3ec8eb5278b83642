/**
 * The memory bound on renders: PNG renders admitted against a budget of pixels in flight, and renders
 * of clients that went away dropped before they start (real HTTP, real sockets closed by the client).
 */
import { describe, expect, it } from 'vitest';
import { createRenderLimiter } from '../../src/app/render-limiter.js';
import { estimatedPngPixels } from '../../src/app/png-pixels.js';
import { CHART_SLUGS, PAGE_COUNT, PNG_WIDTH } from '../../src/core/renderer-constants.js';
import { Resvg } from '@resvg/resvg-js';
import { loadInput, nodeRenderer } from '../helpers-render/inputs.js';
import { startNodeService } from '../../src/entry-node.js';
import { appFixture } from '../helpers/app-fixture.js';
import { countingRenderer } from '../helpers/counting-renderer.js';
import { memoryLogger } from '../helpers/memory-logger.js';
import { PLAIN_INFO, plainRenderer } from '../helpers/plain-renderer.js';
import { eventually } from './eventually.js';

describe('the memory bound on renders', () => {
  it('admits large PNG renders against the pixel budget, not only against the thread count', async () => {
    const page2400 = estimatedPngPixels('page', 2400);
    const limiter = createRenderLimiter({ concurrency: 4, queue: 8, pixelBudget: page2400 + estimatedPngPixels('chart', 1200) });
    const { get, counting } = appFixture({ limiter });
    const open = counting.hold();
    const first = get('/fiche/55/page-1.png?w=2400');
    const second = get('/fiche/55/page-2.png?w=2400');
    const chart = get('/fiche/54/pays.png?w=1200');
    // The second page would exceed the budget: it waits although threads are free, and keeps its
    // place, so the smaller chart behind it waits too.
    await eventually(async () => limiter.running === 1 && limiter.waiting === 2, 'one page rendering, a page and a chart waiting');
    expect(limiter.pixelsInFlight).toBe(page2400);
    open();
    expect((await Promise.all([first, second, chart])).map((response) => response.status)).toEqual([200, 200, 200]);
    expect(limiter.pixelsInFlight).toBe(0);
    // Renders without pixels (PDF, SVG) are not held back by the budget.
    const hold = counting.hold();
    const big = get('/fiche/56/page-1.png?w=2400');
    const pdf = get('/fiche/56.pdf');
    await eventually(async () => limiter.running === 2, 'a page PNG and a PDF rendering side by side');
    hold();
    expect((await Promise.all([big, pdf])).map((response) => response.status)).toEqual([200, 200]);
  });

  it('bounds the pixels of every page and chart as they are drawn', async () => {
    const { renderer } = await nodeRenderer();
    for (const code of ['01', '2A', '55', '75', '976']) {
      const input = await loadInput(code);
      const drawings = [
        ...Array.from({ length: PAGE_COUNT }, (_, index) => ['page', () => renderer.pageSvg(input, index + 1)] as const),
        ...CHART_SLUGS.map((slug) => ['chart', () => renderer.chartSvg(input, slug)] as const),
      ];
      for (const [kind, drawing] of drawings) {
        const svg = await drawing();
        for (const width of [PNG_WIDTH.min, PNG_WIDTH.default, PNG_WIDTH.max]) {
          // resvg's size of the drawing, scaled to the width as it draws it (rounded up, to be safe).
          const drawing = new Resvg(svg);
          const size = { width, height: Math.ceil((drawing.height * width) / drawing.width) };
          expect(size.width * size.height, `${kind} of ${code} at ${width} px`).toBeLessThanOrEqual(estimatedPngPixels(kind, width));
        }
      }
    }
  });

  it('does not render for a client that went away while its render waited (real HTTP)', async () => {
    const counting = countingRenderer(plainRenderer());
    const logger = memoryLogger();
    const service = await startNodeService({ PORT: '0', RENDER_CONCURRENCY: '1', RENDER_QUEUE: '8' }, { renderer: counting.renderer, rendererInfo: PLAIN_INFO, logger });
    try {
      await service.ready;
      const before = counting.calls.length;
      const open = counting.hold();
      const running = fetch(`${service.url}/fiche/55/page-1.png?w=2400`);
      await eventually(async () => counting.calls.length === before + 1, 'the first render started');
      const leaving = new AbortController();
      const gone = fetch(`${service.url}/fiche/56/page-1.png?w=2400`, { signal: leaving.signal }).catch((error: Error) => error);
      const staying = fetch(`${service.url}/fiche/57/page-1.png?w=2400`);
      const renders = async () => ((await (await fetch(`${service.url}/healthz`)).json()) as { renders: { running: number; waiting: number } }).renders;
      await eventually(async () => (await renders()).waiting === 2, 'both requests waiting for the render slot');
      leaving.abort();
      expect(await gone).toBeInstanceOf(Error);
      await eventually(async () => logger.records.some((record) => record.path === '/fiche/56/page-1.png'), 'the abandoned request logged');
      open();
      expect((await running).status).toBe(200);
      expect((await staying).status).toBe(200);
      expect(counting.calls.slice(before).map((call) => call.code)).toEqual(['55', '57']);
      expect(logger.records.find((record) => record.path === '/fiche/56/page-1.png')).toMatchObject({ status: 499 });
    } finally {
      await service.close();
    }
  });
});
