import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE_COUNT, type FactsheetInput, type Renderer } from '../../src/core/render';
import { loadInput, nodeRenderer, portableRenderer } from '../helpers-render/inputs';
import { pdfFonts, pdfImageObjects, pdfPaintedImages } from '../helpers-render/pdf-resources';
import { normalise, readPdf, type PdfFacts } from '../helpers/pdf-text';

const REFERENCES = { '55': '55-meuse.txt', '51': '51-marne.txt', '23': '23-creuse.txt' } as const;

/** The reference's sentences and headings, markdown removed, figures in French typography. */
function referenceLines(file: string): string[] {
  const text = readFileSync(join('test/fixtures/reference-factsheets', file), 'utf8');
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/\*\*/g, '')
        .replace(/^\s*(#+|-|■|\*)\s*/, '')
        .replace(/^\*|\*$/g, '')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/<(https?:[^>]+)>/g, '$1')
        .replace(/(\d)\.(\d)/g, '$1,$2')
        .replace(/(\d)%/g, '$1 %'),
    )
    .map(normalise)
    .filter((line) => line.length > 0);
}

/**
 * The reference prints the territories of its programme (2023–2027); the sample documents carry the
 * list their manifest records: that list is expected where the reference has its own.
 */
function withTerritoriesOf(input: FactsheetInput, lines: string[]): string[] {
  const heading = lines.findIndex((line) => /^(principaux )?territoires d'industrie du département/i.test(line));
  const next = lines.findIndex((line, index) => index > heading && /^contexte et méthodologie/i.test(line));
  return [...lines.slice(0, heading + 1), ...input.departement.territoiresIndustrie.items.map((item) => normalise(item.name)), ...lines.slice(next)];
}

/** Finds each line after the previous one; returns those not found in order. */
function missingInOrder(lines: string[], text: string): string[] {
  const haystack = text.toLowerCase();
  const missing: string[] = [];
  let position = 0;
  for (const line of lines) {
    const found = haystack.indexOf(line.toLowerCase(), position);
    if (found === -1) missing.push(line);
    else position = found + line.length;
  }
  return missing;
}

type Flow = 'exportations' | 'importations';
const totalOf = (flow: Flow, total: string) => `Total des ${flow} : ${total} millions d'euros`;
const departementOf = (flow: Flow, total: string, region: string, france: string, regionName: string) => {
  const verb = flow === 'exportations' ? 'exportée' : 'importée';
  return [totalOf(flow, total), `soit ${region} de la valeur ${verb} par la région ${regionName}`, `soit ${france} de la valeur ${verb} au niveau national`];
};

/**
 * Each département's totals and shares, then its région's and France's, in the order the pages
 * print them. Figures: Meuse exports 1 340 711 551 €, 1.981 % of Grand Est, 0.2310 % of France;
 * imports 1 260 329 348 €, 1.984 %, 0.1840 %. Marne 8 105 801 053 €, 11.979 %, 1.3967 %;
 * 5 641 117 344 €, 8.881 %, 0.8238 %. Creuse 675 796 084 €, 2.537 % of Nouvelle-Aquitaine,
 * 0.1164 %; 206 980 165 €, 0.749 %, 0.0302 %. Grand Est 67 665 402 508 € and 63 519 717 796 €;
 * Nouvelle-Aquitaine 26 635 601 222 € and 27 634 229 706 €; France 580 354 511 396 € and
 * 684 776 314 079 €.
 */
const PRINTED_FIGURES: Record<string, string[]> = {
  '55': [
    ...departementOf('exportations', '1 340,7', '2 %', '0,23 %', 'Grand Est'),
    totalOf('exportations', '67 665,4'),
    totalOf('exportations', '580 354,5'),
    ...departementOf('importations', '1 260,3', '2 %', '0,18 %', 'Grand Est'),
    totalOf('importations', '63 519,7'),
    totalOf('importations', '684 776,3'),
  ],
  '51': [
    ...departementOf('exportations', '8 105,8', '12 %', '1,40 %', 'Grand Est'),
    totalOf('exportations', '67 665,4'),
    totalOf('exportations', '580 354,5'),
    ...departementOf('importations', '5 641,1', '8,9 %', '0,82 %', 'Grand Est'),
    totalOf('importations', '63 519,7'),
    totalOf('importations', '684 776,3'),
  ],
  '23': [
    ...departementOf('exportations', '675,8', '2,5 %', '0,12 %', 'Nouvelle-Aquitaine'),
    totalOf('exportations', '26 635,6'),
    totalOf('exportations', '580 354,5'),
    ...departementOf('importations', '207', '0,7 %', '0,03 %', 'Nouvelle-Aquitaine'),
    totalOf('importations', '27 634,2'),
    totalOf('importations', '684 776,3'),
  ],
};

let renderer: Renderer;
const facts = new Map<string, { input: FactsheetInput; bytes: Uint8Array; pdf: PdfFacts }>();

beforeAll(async () => {
  ({ renderer } = await nodeRenderer());
  for (const code of Object.keys(REFERENCES)) {
    const input = await loadInput(code);
    const bytes = await renderer.factsheetPdf(input);
    facts.set(code, { input, bytes, pdf: await readPdf(bytes) });
  }
});

describe.each(Object.entries(REFERENCES))('factsheet PDF of %s', (code, file) => {
  it('holds every heading and sentence of the reference, in the same order', () => {
    const { input, pdf } = facts.get(code)!;
    expect(missingInOrder(withTerritoriesOf(input, referenceLines(file)), pdf.pages.join(' '))).toEqual([]);
  });

  it('prints the totals and shares of the indicator documents, rounded as the reference', () => {
    const { pdf } = facts.get(code)!;
    // Rounded by hand from the documents' figures (data/indicators/2024), not by the formatter under test.
    expect(missingInOrder(PRINTED_FIGURES[code], pdf.pages.join(' '))).toEqual([]);
  });

  it('is A4, says on every page that the data is a sample, and carries its metadata', () => {
    const { pdf, input } = facts.get(code)!;
    expect(pdf.pages).toHaveLength(PAGE_COUNT);
    for (const size of pdf.pageSizes) expect(size).toEqual([595, 842]);
    for (const page of pdf.pages) expect(page).toContain('Données fictives de démonstration');
    expect(pdf.info.Title).toBe(`Les indicateurs clés : commerce extérieur — ${input.departement.name} (2024)`);
    expect(pdf.info.Author).toContain('ANCT');
    expect(String(pdf.info.Keywords)).toContain(input.departement.name);
    expect(String(pdf.info.Subject)).toContain('Données fictives de démonstration');
    expect(pdf.info.Language).toBe('fr-FR');
  });

  it('has clickable links on the practical information page', () => {
    const { pdf } = facts.get(code)!;
    expect(pdf.links[PAGE_COUNT - 1]).toEqual(
      expect.arrayContaining([
        'mailto:territoires-industrie@anct.gouv.fr',
        'https://anct.gouv.fr/actualites',
        'https://www.entreprises.gouv.fr/la-dge/actualites',
      ]),
    );
    expect(pdf.links[PAGE_COUNT - 1]!.length).toBe(5);
  });
});

describe('factsheet PDF bytes', () => {
  it('are the same for the same data version', async () => {
    const { input, bytes } = facts.get('55')!;
    expect(Buffer.from(await renderer.factsheetPdf(input)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('read the same with pdf-lib\'s own deflate, as on Workers, as with Node\'s zlib', async () => {
    const { input, pdf } = facts.get('55')!;
    const portable = await (await portableRenderer()).factsheetPdf(input);
    const read = await readPdf(portable);
    expect(read.pages).toEqual(pdf.pages);
    expect(read.links).toEqual(pdf.links);
  });

  it('embed subset TrueType fonts and draw the charts as vector paths, with no image', async () => {
    const { bytes, pdf } = facts.get('55')!;
    const fonts = await pdfFonts(bytes);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts) {
      // What a viewer lists as « CID TrueType, Identity-H, embedded, subset, with a Unicode map ».
      expect(font.baseFont).toMatch(/^[A-Z]{6}\+SourceSans3-\S+$/);
      expect(font).toMatchObject({ subtype: 'Type0', encoding: 'Identity-H', descendant: 'CIDFontType2', program: 'FontFile2', toUnicode: true });
      // A subset: the whole Source Sans 3 Regular is about 300 KB.
      expect(font.programBytes).toBeGreaterThan(1000);
      expect(font.programBytes).toBeLessThan(60_000);
    }
    expect(fonts.map((font) => font.baseFont.slice(7))).toEqual(expect.arrayContaining(['SourceSans3-Regular', 'SourceSans3-Bold']));
    expect(await pdfImageObjects(bytes)).toBe(0);
    expect(await pdfPaintedImages(bytes)).toEqual(Array(PAGE_COUNT).fill(0));
    expect(pdf.pages.join(' ')).toContain("Total des exportations : 1 340,7 millions d'euros");
  });

  it('stays small', () => {
    for (const { bytes } of facts.values()) expect(bytes.byteLength).toBeLessThan(300_000);
  });
});
