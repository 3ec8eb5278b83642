/**
 * The benchmark's peer: headless Chromium printing the same factsheet to PDF, as a Puppeteer or
 * Gotenberg set-up does. Chromium loads the document from `http://peer.test/`, answered in memory
 * by `PeerSite`, so that fonts are fetched once and cached as a web server would let them be.
 *
 * The input is the app's own web factsheet (`appSite`): the page a Puppeteer or Gotenberg set-up
 * would print. `textSvgSite`, our eight pages as SVG with real text, is kept for comparing with a
 * peer that lays out exactly our pages.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FactsheetInput } from '../core/factsheet.js';
import type { TextPageSource } from '../core/render.js';
import type { FontFiles } from '../ports.js';
import { fontFamily } from '../../templates/theme.js';
import { findChromium } from './chromium-find.js';

/** Answers Chromium's requests to `http://peer.test<path>`; `documentPath` is the factsheet to print. */
export interface PeerSite {
  documentPath(code: string, input: FactsheetInput): Promise<string>;
  fetch(path: string): Promise<Response>;
}

/** Our pages as SVG with real text, one per A4 sheet, fonts as files. */
export function textSvgSite(renderer: TextPageSource, fonts: FontFiles, pageCount: number): PeerSite {
  const documents = new Map<string, string>();
  const fontFiles: Record<string, Uint8Array | undefined> = { 'regular.ttf': fonts.regular, 'bold.ttf': fonts.bold, 'italic.ttf': fonts.italic };
  const face = (file: string, weight: number, style: string) =>
    `@font-face{font-family:"${fontFamily}";src:url(/fonts/${file}) format("truetype");font-weight:${weight};font-style:${style}}`;
  const css = [face('regular.ttf', 400, 'normal'), face('bold.ttf', 700, 'normal'), fonts.italic ? face('italic.ttf', 400, 'italic') : '', '@page{size:A4;margin:0}body{margin:0}.page{width:210mm;height:297mm;break-after:page;overflow:hidden}.page>svg{display:block;width:100%;height:100%}'].join('');
  return {
    async documentPath(code, input) {
      const pages: string[] = [];
      for (let page = 1; page <= pageCount; page++) pages.push(`<div class="page">${await renderer.pageTextSvg(input, page)}</div>`);
      documents.set(code, `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${code}</title><style>${css}</style></head><body>${pages.join('')}</body></html>`);
      return `/fiche/${code}`;
    },
    async fetch(path) {
      const font = /^\/fonts\/([a-z]+\.ttf)$/.exec(path)?.[1];
      const bytes = font ? fontFiles[font] : undefined;
      if (bytes) return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'font/ttf', 'cache-control': 'public, max-age=31536000, immutable' } });
      const document = documents.get(path.slice('/fiche/'.length));
      if (document) return new Response(document, { headers: { 'content-type': 'text/html; charset=utf-8' } });
      return new Response('not found', { status: 404 });
    },
  };
}

/**
 * The app's own HTML factsheet and its assets. The page and every chart image it shows are asked
 * for once before the peer prints it, so that the app's cache holds them: drawing our charts is not
 * the peer's work.
 */
export function appSite(app: { request(path: string): Response | Promise<Response> }): PeerSite {
  return {
    async documentPath(code) {
      const path = `/fiche/${code}`;
      const html = await (await app.request(path)).text();
      for (const [, asset] of html.matchAll(/(?:src|href)="(\/(?:fiche|dsfr|polices)\/[^"]+\.(?:svg|css|ttf))"/g)) await (await app.request(asset!.replaceAll('&amp;', '&'))).arrayBuffer();
      return path;
    },
    fetch: async (path) => app.request(path),
  };
}

export interface ChromiumPeer {
  origin: string;
  startMs: number;
  /** Prints a document `PeerSite.documentPath` prepared (preparing it is not the peer's work). */
  print(path: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function startChromiumPeer(site: PeerSite): Promise<ChromiumPeer | string> {
  const found = await findChromium();
  if (!found) return 'no Chromium found (no CHROMIUM_PATH, no /usr/bin/chromium, no @sparticuz/chromium): peer skipped';
  const started = performance.now();
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: found.path, headless: true, args: found.args });
  } catch (error) {
    return `Chromium at ${found.path} did not start (${(error as Error).message.split('\n')[0]}): peer skipped`;
  }
  const page: Page = await browser.newPage();
  await page.route('http://peer.test/**', async (route) => {
    const url = new URL(route.request().url());
    const response = await site.fetch(url.pathname + url.search);
    await route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) });
  });
  const startMs = performance.now() - started;
  return {
    origin: found.origin,
    startMs,
    async print(path) {
      // Loading the document (and its fonts) is part of what the peer does for each factsheet.
      await page.goto(`http://peer.test${path}`, { waitUntil: 'load' });
      return new Uint8Array(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    },
    close: () => browser.close(),
  };
}
