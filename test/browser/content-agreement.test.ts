/**
 * The three forms of a factsheet tell one outline: the content model, the tagged PDF the service
 * serves (its structure tree, read with pdf.js) and the web page the service serves (read in
 * Chromium) give the same headings, at the same levels, in the same order, and the same figures
 * with the same alternative text. A screen-reader user hears the same thing in either.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRenderer } from '../../src/adapters/renderer-node.js';
import type { Renderer } from '../../src/core/render.js';
import { startNodeService, type NodeService } from '../../src/entry-node.js';
import type { FactsheetContent } from '../../templates/content/model.js';
import { launchChromium } from '../helpers/chromium.js';
import { normalise } from '../helpers/pdf-text.js';
import { loadInput } from '../helpers-render/inputs.js';

/** One line of the outline: a heading with its level, or a figure with its alternative text. */
type Entry = `H${1 | 2 | 3} ${string}` | `Figure ${string}`;

let service: NodeService;
let browser: Browser;
let renderer: Renderer;

beforeAll(async () => {
  service = await startNodeService({ PORT: '0' }, { logger: { log: () => undefined } });
  browser = await launchChromium();
  renderer = await createNodeRenderer();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

/** The model's outline: a chart's title is a third-level heading just before its figure, as both pages print it. */
function modelOutline(content: FactsheetContent): Entry[] {
  return content.sections.flatMap((section) =>
    section.blocks.flatMap((block): Entry[] => {
      if (block.kind === 'heading') return [`H${block.level} ${normalise(block.text)}`];
      if (block.kind === 'figure') return [`H3 ${normalise(block.title)}`, `Figure ${normalise(block.alt)}`];
      return [];
    }),
  );
}

/** What pdf.js's getStructTree gives: elements with their role (and a figure's /Alt), leaves pointing at marked content. */
type StructNode = { role?: string; alt?: string; type?: string; id?: string; children?: StructNode[] };

/** The PDF's outline from its structure tree: H1–H3 with the text of their marked content, Figure with its /Alt. */
async function pdfOutline(bytes: Uint8Array): Promise<Entry[]> {
  const pdf = await getDocument({ data: bytes, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const outline: Entry[] = [];
  try {
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const textOf = new Map<string, string>();
      const open: string[] = [];
      for (const item of (await page.getTextContent({ includeMarkedContent: true })).items as { type?: string; id?: string; str?: string }[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? '');
        else if (item.type === 'endMarkedContent') open.pop();
        else if (item.str && open.at(-1)) textOf.set(open.at(-1)!, `${textOf.get(open.at(-1)!) ?? ''} ${item.str}`);
      }
      const textUnder = (node: StructNode): string => (node.children ?? []).map((child) => (child.type === 'content' ? (textOf.get(child.id!) ?? '') : textUnder(child))).join(' ');
      const walk = (node: StructNode): void => {
        if (node.role && /^H[1-3]$/.test(node.role)) outline.push(`${node.role as 'H1'} ${normalise(textUnder(node))}`);
        else if (node.role === 'Figure') outline.push(`Figure ${normalise(node.alt ?? '')}`);
        else (node.children ?? []).forEach(walk);
      };
      walk(((await page.getStructTree()) ?? {}) as StructNode);
    }
  } finally {
    await pdf.destroy();
  }
  return outline;
}

/** The web page's outline as the browser builds it: headings of the main part, and each figure's image by its alt. */
async function htmlOutline(path: string): Promise<Entry[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    expect((await page.goto(`${service.url}${path}`, { waitUntil: 'domcontentloaded', timeout: 120_000 }))?.status()).toBe(200);
    const entries = await page.evaluate<string[]>(
      `[...document.querySelectorAll('main h1, main h2, main h3, main figure img')].map((element) =>
        element.tagName === 'IMG' ? 'Figure ' + element.alt : element.tagName + ' ' + element.textContent)`,
    );
    return entries.map((entry) => normalise(entry) as Entry);
  } finally {
    await context.close();
  }
}

/** Line breaks and hyphenation differ between the drawn page and the model's text: the PDF's words are compared without spaces. */
const squeezed = (outline: readonly Entry[]): string[] => outline.map((entry) => entry.replace(/^(\S+) /, '$1|').replace(/\s+/g, ''));

describe.each([
  // Corse's région is the territory itself: its two région charts give way to one sentence each.
  { code: '55', figures: 8 },
  { code: '2A', figures: 6 },
  { code: '976', figures: 8 },
])('the factsheet of $code', ({ code, figures }) => {
  it('has the same headings and figures in the content model, the tagged PDF and the web page', async () => {
    const model = modelOutline(await renderer.factsheetContent(await loadInput(code)));
    const pdfResponse = await fetch(`${service.url}/fiche/${code}.pdf`);
    expect(pdfResponse.status).toBe(200);
    const pdf = await pdfOutline(new Uint8Array(await pdfResponse.arrayBuffer()));
    const html = await htmlOutline(`/fiche/${code}`);

    expect(html).toEqual(model);
    expect(squeezed(pdf)).toEqual(squeezed(model));
    // The outline is the factsheet's, not an empty agreement: one title, its sections, and every chart with its figures in words.
    expect(model.filter((entry) => entry.startsWith('H1 '))).toEqual(['H1 Les indicateurs clés : commerce extérieur']);
    expect(model.filter((entry) => entry.startsWith('H2 ')).length).toBeGreaterThanOrEqual(6);
    const alts = model.filter((entry) => entry.startsWith('Figure '));
    expect(alts).toHaveLength(figures);
    for (const alt of alts) expect(alt.length).toBeGreaterThan(50);
  }, 240_000);
});
