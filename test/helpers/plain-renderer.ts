/**
 * A small renderer with the real one's interface, for the routing tests that must not depend on
 * the factsheet's layout: one SVG with the département's name, rasterised by resvg-js, and a one-page
 * PDF written with pdf-lib. The PDF and PNG routes are also tested with the real renderer.
 */
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { Resvg } from '@resvg/resvg-js';
import type { FactsheetContent, FactsheetInput, Renderer } from '../../src/core/render.js';
import type { RendererInfo } from '../../src/app/renderer-types.js';

export const PLAIN_INFO: RendererInfo = {
  version: 'plain1',
  chartSlugs: ['pays', 'activites', 'export', 'export-region', 'export-france', 'import', 'import-region', 'import-france'],
  pageCount: 4,
  pngWidth: { min: 100, max: 2400, default: 800 },
};

function svg(input: FactsheetInput, what: string): string {
  const text = `${input.departement.name} ${what} ${input.manifest.dataVersion} ${input.departement.totals.exports}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200"><rect width="400" height="200" fill="#dde"/><rect x="20" y="20" width="${(input.departement.totals.exports % 360) + 1}" height="40" fill="#236"/><desc>${text}</desc></svg>`;
}

function png(markup: string, width: number): Uint8Array {
  return new Resvg(markup, { fitTo: { mode: 'width', value: width } }).render().asPng();
}

async function pdf(input: FactsheetInput, what: string): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage([595, 842]);
  page.drawText(`${input.departement.code} ${what} ${input.manifest.dataVersion}`, { x: 50, y: 780, size: 14, font });
  return document.save();
}

/** One section naming the département, and one figure, so that the HTML page has each kind of part. */
function content(input: FactsheetInput): FactsheetContent {
  const { departement, manifest } = input;
  return {
    furniture: {
      title: 'Fiche simple',
      departement: { code: departement.code, name: departement.name },
      year: manifest.year,
      dataVersion: manifest.dataVersion,
      publisher: 'Test',
      source: `Source ${manifest.dataVersion}`,
      sample: manifest.sample ? { notice: 'Données fictives', detail: 'pour les tests' } : null,
    },
    sections: [
      {
        title: departement.name,
        page: 1,
        blocks: [
          { kind: 'heading', level: 1, text: `Fiche ${departement.name}` },
          { kind: 'paragraph', runs: [{ text: `Exportations ${departement.totals.exports}` }] },
          { kind: 'figure', chart: 'pays', title: `Pays ${departement.name}`, alt: `Exportations ${departement.totals.exports}`, width: 400, height: 200, table: { caption: 'Données', columns: ['Flux', 'Valeur'], rows: [['Exportations', String(departement.totals.exports)]] } },
        ],
      },
    ],
  };
}

export function plainRenderer(): Renderer {
  return {
    chartSvg: async (input, slug) => svg(input, slug),
    chartPng: async (input, slug, width) => png(svg(input, slug), width),
    chartPdf: async (input, slug) => pdf(input, slug),
    pageSvg: async (input, page) => svg(input, `page-${page}`),
    pagePng: async (input, page, width) => png(svg(input, `page-${page}`), width),
    pagePdf: async (input, page) => pdf(input, `page-${page}`),
    factsheetPdf: async (input) => pdf(input, 'fiche'),
    factsheetContent: async (input) => content(input),
  };
}
