/**
 * Wraps a renderer to count the renders the app asks for (single flight, 304 without rendering)
 * and to let a test hold renders open or make them fail. The wrapped renderer does the real work.
 */
import type { Renderer } from '../../src/core/render.js';

type Method = keyof Renderer;

export function countingRenderer(inner: Renderer) {
  const calls: { method: Method; code: string }[] = [];
  let gate: Promise<void> | null = null;
  let failure: Error | null = null;
  const wrap =
    <M extends Method>(method: M) =>
    async (...args: Parameters<Renderer[M]>): Promise<Awaited<ReturnType<Renderer[M]>>> => {
      calls.push({ method, code: args[0].departement.code });
      if (gate) await gate;
      if (failure) throw failure;
      return (inner[method] as (...a: unknown[]) => Promise<Awaited<ReturnType<Renderer[M]>>>)(...args);
    };
  const renderer: Renderer = {
    chartSvg: wrap('chartSvg'),
    chartPng: wrap('chartPng'),
    chartPdf: wrap('chartPdf'),
    pageSvg: wrap('pageSvg'),
    pagePng: wrap('pagePng'),
    pagePdf: wrap('pagePdf'),
    factsheetPdf: wrap('factsheetPdf'),
    factsheetContent: wrap('factsheetContent'),
  };
  return {
    renderer,
    calls,
    /** Renders started from now on wait until the returned function is called. */
    hold(): () => void {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      return () => {
        gate = null;
        open();
      };
    },
    failWith(error: Error | null) {
      failure = error;
    },
  };
}
