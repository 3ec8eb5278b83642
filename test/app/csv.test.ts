/**
 * The CSV download read back as a spreadsheet would (RFC 4180 quoting), with labels that carry the
 * separator, quotes and line breaks.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentCsv } from '../../src/app/csv.js';
import { IndicatorDocument } from '../../src/core/schema.js';
import { SAMPLE_DIR, appFixture } from '../helpers/app-fixture.js';

const scratch = await mkdtemp(join(tmpdir(), 'app-csv-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Splits RFC 4180 text into rows of cells: `"` opens a quoted cell, `""` inside it is one quote. */
function parseCsv(text: string, separator = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === separator) {
      row.push(cell);
      cell = '';
    } else if (char === '\r' || char === '\n') {
      // Spreadsheets end a row at a bare CR or LF as well as at CRLF.
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (char === '\r' && text[index + 1] === '\n') index += 1;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) throw new Error(`CSV does not end with CRLF: ${JSON.stringify(text.slice(-40))}`);
  return rows;
}

/** The body as bytes decoded, keeping the BOM that Response.text() would drop. */
async function bodyWithBom(response: Response): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
}

const AWKWARD = {
  DE: 'Allemagne; RFA',
  BE: 'Belgique "royaume"',
  IT: 'Italie\r\nRépublique',
  NL: 'Pays-Bas\nHollande',
  ES: 'Espagne\rRoyaume',
};

describe('CSV download', () => {
  it('quotes labels holding ;, quotes or line breaks so that each row keeps its eight columns', async () => {
    const root = join(scratch, 'awkward');
    await cp(SAMPLE_DIR, root, { recursive: true });
    const path = join(root, 'departement/55.json');
    const document = JSON.parse(await readFile(path, 'utf8'));
    for (const partner of document.partners) if (partner.code in AWKWARD) partner.label = AWKWARD[partner.code as keyof typeof AWKWARD];
    document.name = 'Meuse; "55"';
    await writeFile(path, JSON.stringify(document));

    const response = await appFixture({ root }).get('/donnees/55.csv');
    expect(response.status).toBe(200);
    const text = await bodyWithBom(response);
    expect(text.startsWith('\uFEFF')).toBe(true);
    // Written out: the separator and quotes inside quotes, quotes doubled.
    expect(text).toContain(`\r\npartenaire;exportations;DE;"Allemagne; RFA";;;${document.partners.find((p: { code: string }) => p.code === 'DE').exports};\r\n`);
    expect(text).toContain('\r\npartenaire;importations;BE;"Belgique ""royaume""";;;');
    expect(text).toContain('\r\ntotal;exportations;55;"Meuse; ""55""";;;');

    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(['rubrique', 'flux', 'code', 'libelle', 'code_contrepartie', 'libelle_contrepartie', 'valeur_euros', 'part']);
    for (const row of rows) expect(row, row.join('|')).toHaveLength(8);
    const labels = (code: string) => rows.filter((row) => row[0] === 'partenaire' && row[2] === code).map((row) => row[3]);
    expect(labels('DE')).toEqual(Array(3).fill('Allemagne; RFA'));
    expect(labels('BE')).toEqual(Array(3).fill('Belgique "royaume"'));
    expect(labels('IT')).toEqual(Array(3).fill('Italie\r\nRépublique'));
    expect(labels('NL')).toEqual(Array(3).fill('Pays-Bas\nHollande'));
    expect(labels('ES')).toEqual(Array(3).fill('Espagne\rRoyaume'));
    expect(rows.filter((row) => row[0] === 'total').map((row) => row[3])).toEqual(Array(3).fill('Meuse; "55"'));
  });

  it('leaves plain labels and numbers unquoted, empty cells empty', async () => {
    const text = await bodyWithBom(await appFixture().get('/donnees/55.csv'));
    const lines = text.slice(1).split('\r\n');
    expect(lines).toContain('partenaire;exportations;DE;Allemagne;;;265163004;');
    expect(lines).toContain('activite;exportations;C10E;Produits laitiers et glaces;;;354760727;0.26460630307495575');
    expect(lines).toContain('part_region;exportations;44;Grand Est;;;;0.019813841362156817');
    expect(lines.at(-1)).toBe('');
  });

  it('writes every section of the document, in order, one row per figure', async () => {
    const meuse = IndicatorDocument.parse(JSON.parse(await readFile(join(SAMPLE_DIR, 'departement/55.json'), 'utf8')));
    const lines = documentCsv(meuse).slice(1).split('\r\n');
    expect(lines.slice(0, 11)).toEqual([
      'rubrique;flux;code;libelle;code_contrepartie;libelle_contrepartie;valeur_euros;part',
      'total;exportations;55;Meuse;;;1340711551;',
      'total;importations;55;Meuse;;;1260329348;',
      'total;solde;55;Meuse;;;80382203;',
      'part_region;exportations;44;Grand Est;;;;0.019813841362156817',
      'part_france;exportations;FR;France;;;;0.0023101596087794977',
      'part_region;importations;44;Grand Est;;;;0.01984154514111154',
      'part_france;importations;FR;France;;;;0.0018404978707464474',
      'partenaire;exportations;DE;Allemagne;;;265163004;',
      'partenaire;importations;DE;Allemagne;;;206792653;',
      'partenaire;solde;DE;Allemagne;;;58370351;',
    ]);
    // 3 totals, 4 shares, 10 partners × 3, 25 + 30 activities, 121 + 121 links, the Territoires d'industrie programme and its
    // 1 territoire, the header and the final CRLF.
    expect(lines).toHaveLength(1 + 3 + 4 + 30 + 25 + 121 + 30 + 121 + 1 + 1 + 1);
    const exportActivities = lines.indexOf('activite;exportations;C10E;Produits laitiers et glaces;;;354760727;0.26460630307495575');
    expect(exportActivities).toBe(38);
    expect(lines[38 + 25]).toBe('flux;exportations;1051;Produits laitiers et fromages;DE;Allemagne;' + meuse.flows.exports.links[0]!.value + ';');
    const importActivities = 38 + 25 + 121;
    expect(lines[importActivities]).toBe('activite;importations;C20A;Produits chimiques de base, produits azotés, matières plastiques et caoutchouc synthétique;;;217469155;0.17254946522121295');
    expect(lines[importActivities + 30]).toBe('flux;importations;DE;Allemagne;1051;Produits laitiers et fromages;23208671;');
    // The sample carries the 2018–2023 list (data/raw/territoires-industrie/), in which Meuse has this one territory.
    expect(lines.at(-3)).toBe('territoires_industrie_programme;;;2018–2023;;;;');
    expect(lines.at(-2)).toBe('territoire_industrie;;ti-4414;Vitry-le-François - Saint-Dizier - Bar-le-Duc - Bassin de Joinville;;;;');
    expect(lines.at(-1)).toBe('');
  });

  it('leaves out shares a document does not have, and keeps the code of a node without a label', async () => {
    const meuse = IndicatorDocument.parse(JSON.parse(await readFile(join(SAMPLE_DIR, 'departement/55.json'), 'utf8')));
    const changed: IndicatorDocument = {
      ...meuse,
      region: null,
      shares: { exports: { region: null, france: 0.5 }, imports: { region: 0.25, france: null } },
      flows: { ...meuse.flows, imports: { ...meuse.flows.imports, links: [{ source: 'XX', target: 'YY', value: 7, highlight: false }] } },
      territoiresIndustrie: { ...meuse.territoiresIndustrie, items: [{ id: 'TI-1', name: 'Un territoire' }] },
    } as IndicatorDocument;
    const lines = documentCsv(changed).slice(1).split('\r\n');
    expect(lines.slice(4, 6)).toEqual(['part_france;exportations;FR;France;;;;0.5', 'part_region;importations;;;;;;0.25']);
    expect(lines.filter((line) => line.startsWith('part_'))).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('flux;importations;'))).toEqual(['flux;importations;XX;XX;YY;YY;7;']);
    expect(lines.at(-2)).toBe('territoire_industrie;;TI-1;Un territoire;;;;');
  });

  it('names no programme for an older document that does not say which list its territories come from', async () => {
    const meuse = IndicatorDocument.parse(JSON.parse(await readFile(join(SAMPLE_DIR, 'departement/55.json'), 'utf8')));
    const older = { ...meuse, territoiresIndustrie: { principaux: false, items: [{ id: 'TI-1', name: 'Un territoire' }] } } as IndicatorDocument;
    const lines = documentCsv(older).slice(1).split('\r\n');
    expect(lines.filter((line) => line.startsWith('territoires_industrie_programme'))).toEqual([]);
    expect(lines.slice(-2)).toEqual(['territoire_industrie;;TI-1;Un territoire;;;;', '']);
  });
});
