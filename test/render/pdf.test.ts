import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMillions, formatShareOfFrance, formatShareOfRegion } from '../../src/core/format';
import { PAGE_COUNT, type FactsheetInput, type Renderer } from '../../src/core/render';
import { loadInput, nodeRenderer, portableRenderer } from '../helpers-render/inputs';
import { normalise, readPdf, type PdfFacts } from '../helpers-render/pdf-text';

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
    const { input, pdf } = facts.get(code)!;
    const text = pdf.pages.join(' ');
    const { departement, region, france } = input;
    for (const [flow, label, verb] of [
      ['exports', 'Total des exportations', 'exportée'],
      ['imports', 'Total des importations', 'importée'],
    ] as const) {
      const expected = [
        `${label} : ${formatMillions(departement.totals[flow])} millions d'euros`,
        `soit ${formatShareOfRegion(departement.shares[flow].region!)} de la valeur ${verb} par la région ${region.name}`,
        `soit ${formatShareOfFrance(departement.shares[flow].france!)} de la valeur ${verb} au niveau national`,
        `${label} : ${formatMillions(region.totals[flow])} millions d'euros`,
        `${label} : ${formatMillions(france.totals[flow])} millions d'euros`,
      ].map(normalise);
      expect(missingInOrder(expected, text)).toEqual([]);
    }
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

  it('embed subset TrueType fonts and draw the charts as vector paths, with no image', () => {
    const folder = mkdtempSync(join(tmpdir(), 'fiche-pdf-'));
    const path = join(folder, 'fiche.pdf');
    writeFileSync(path, facts.get('55')!.bytes);
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+SourceSans3-\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)).toEqual([]);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
    expect(normalise(text)).toContain('Total des exportations : 1 340,7 millions d\'euros');
  });

  it('stays small', () => {
    for (const { bytes } of facts.values()) expect(bytes.byteLength).toBeLessThan(300_000);
  });
});
