/**
 * The factsheet's words where the reference does not go, read back from the PDF with pdf.js: Corse
 * asked as 2A or 2B, the overseas aggregate, the reference's footnote, a footer on one line.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE_COUNT, type FactsheetInput, type Renderer } from '../../src/core/render';
import { loadInput, nodeRenderer } from '../helpers-render/inputs';
import { normalise, readPdf, type PdfFacts } from '../helpers/pdf-text';

let renderer: Renderer;
const pdfs = new Map<string, { input: FactsheetInput; pdf: PdfFacts; bytes: Uint8Array }>();

async function render(code: string, change?: (input: FactsheetInput) => FactsheetInput): Promise<{ input: FactsheetInput; pdf: PdfFacts; bytes: Uint8Array }> {
  const loaded = await loadInput(code);
  const input = change ? change(structuredClone(loaded)) : loaded;
  const bytes = await renderer.factsheetPdf(input);
  return { input, bytes, pdf: await readPdf(bytes) };
}

beforeAll(async () => {
  ({ renderer } = await nodeRenderer());
  for (const code of ['2A', '2B', '971', '55']) pdfs.set(code, await render(code));
}, 60_000);

/** How many lines the text from the last item holding `from` to the next holding `to` takes. */
async function lineCount(bytes: Uint8Array, page: number, from: string, to: string): Promise<number> {
  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const content = await (await document.getPage(page)).getTextContent();
  const items = content.items.filter((item): item is { str: string; transform: number[] } & typeof item => 'str' in item && item.str !== '');
  const start = items.map((item) => item.str.includes(from)).lastIndexOf(true);
  const end = items.findIndex((item, index) => index >= start && item.str.includes(to));
  const ys = new Set(items.slice(start, end + 1).map((item) => Math.round(item.transform[5]!)));
  await document.destroy();
  return start === -1 || end === -1 ? 0 : ys.size;
}

describe('Corse, asked as 2A or 2B', () => {
  it.each([
    ['2A', 'Corse-du-Sud'],
    ['2B', 'Haute-Corse'],
  ])('%s keeps its own name and says that the figures cover the whole of Corse', (code, name) => {
    const { pdf } = pdfs.get(code)!;
    expect(pdf.pages[0]).toContain(`Territoires d'industrie - ${name}`);
    expect(pdf.pages[0]).toContain(normalise("Les chiffres de cette fiche portent sur l'ensemble de la Corse (2A et 2B), que les Douanes publient comme un seul territoire."));
    expect(pdf.info.Title).toBe(`Les indicateurs clés : commerce extérieur — ${name} (2024)`);
    expect(String(pdf.info.Keywords)).not.toMatch(/(^|[\s,;])Corse[\s,;]+Corse([\s,;]|$)/);
  });

  it('replaces the région comparison by one sentence and keeps France', () => {
    const text = pdfs.get('2A')!.pdf.pages.join(' ');
    expect(text).not.toMatch(/soit 100 ?%/);
    expect(text).not.toContain('par la région Corse');
    expect(text).not.toContain("Flux à l'export, Corse");
    expect(text).not.toContain("Flux à l'import, Corse");
    expect(text).toContain('la région Corse se confond avec ce territoire : pas de comparaison régionale');
    expect(text).toContain(normalise('Les chiffres de la région Corse sont ceux de la page précédente : seule la comparaison avec la France entière est présentée.'));
    expect(text).toContain('peut être comparée à celle du pays');
    expect(text).toMatch(/soit \d+,\d\d % de la valeur exportée au niveau national/);
    expect(text).toContain("Flux à l'export, France entière (en valeur, 2024)");
  });

  it("lists the territories of the département asked for, and all of them where the document does not say where they are", async () => {
    // Documents from the 2023–2027 list carry the départements each territory has communes in; older ones do not.
    const names = ['Territoire du Sud', 'Territoire du Nord'];
    const territories = (placed: boolean) => (input: FactsheetInput): FactsheetInput => {
      input.departement.territoiresIndustrie.items = [
        { id: null, name: names[0]!, ...(placed ? { departements: ['2A'] } : {}) },
        { id: null, name: names[1]!, ...(placed ? { departements: ['2B'] } : {}) },
      ] as unknown as typeof input.departement.territoiresIndustrie.items;
      return input;
    };
    const southern = (await render('2A', territories(true))).pdf.pages[0]!;
    const northern = (await render('2B', territories(true))).pdf.pages[0]!;
    expect(southern).toContain(names[0]);
    expect(southern).not.toContain(names[1]);
    expect(northern).toContain(names[1]);
    expect(northern).not.toContain(names[0]);
    const unplaced = (await render('2A', territories(false))).pdf.pages[0]!;
    for (const name of names) expect(unplaced).toContain(name);
  });
});

describe('overseas départements', () => {
  it('name the customs aggregate as the départements d\'outre-mer, never as a région', () => {
    const text = pdfs.get('971')!.pdf.pages.join(' ');
    expect(text).not.toMatch(/région DOM|DOM \(|, DOM\b/);
    expect(text).toMatch(/soit \d+(,\d)? % de la valeur exportée par l'ensemble des départements d'outre-mer/);
    expect(text).toContain("à celle de l'ensemble des départements d'outre-mer et du pays");
    expect(text).toContain("Flux à l'export, départements d'outre-mer (en valeur, 2024)");
    expect(text).toContain("Flux à l'import, départements d'outre-mer (en valeur, 2024)");
    expect(String(pdfs.get('971')!.pdf.info.Keywords)).not.toMatch(/\bDOM\b/);
  });
});

describe('every factsheet', () => {
  it("prints the reference's footnote under a list of principal territories, verbatim", async () => {
    const { pdf } = await render('55', (input) => {
      input.departement.territoiresIndustrie.principaux = true;
      return input;
    });
    expect(pdf.pages[0]).toContain(normalise("Principaux Territoires d'Industrie du département*"));
    expect(pdf.pages[0]).toContain(normalise("* Les Territoires d'Industrie adjacents comptant moins de 5 communes dans le département ont été retirés"));
  });

  it('keeps the footer on one line on every page', async () => {
    for (const code of ['55', '971', '2A']) {
      const { bytes, input } = pdfs.get(code)!;
      for (let page = 1; page <= PAGE_COUNT; page++) {
        expect(pdfs.get(code)!.pdf.pages[page - 1]).toContain(`données ${input.manifest.dataVersion.slice(0, 8)}`);
        expect(await lineCount(bytes, page, 'ANCT', input.manifest.dataVersion.slice(0, 8)), `${code} page ${page}`).toBe(1);
      }
    }
  });
});
