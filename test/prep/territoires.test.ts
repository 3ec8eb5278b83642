import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTerritoires, territoiresSourceOf } from '../../src/prep/territoires.js';

const documentCodeOf = (insee: string) => (insee === '2A' || insee === '2B' ? '20' : /^(0[1-9]|[1-8][0-9]|9[0-5]|97[1-46])$/.test(insee) ? insee : null);

describe('Territoires d’industrie, official commune list (insee_com,lib_com,id_ti,lib_ti)', () => {
  const text = readFileSync(new URL('../fixtures/raw/territoires/liste-ti-com2023-20240704.csv', import.meta.url), 'utf8');
  const { format, byDocument } = parseTerritoires(text, 'liste-ti-com2023-20240704.csv', documentCodeOf);

  it('recognises the format from its header', () => {
    expect(format).toBe('commune');
  });

  it('keeps a territory in its main département', () => {
    expect(byDocument.get('55')).toEqual({
      principaux: false,
      items: [{ id: 'ti-4401', name: 'Sud Meuse Nord Haute-Marne', departements: ['51', '52', '55'] }],
    });
  });

  it('counts a commune in each of the territories it lists, separated by « ; »', () => {
    // Commune 52030 is in ti-4402 and ti-4401: ti-4401 then has 4 communes in 52, still fewer than 5.
    expect(byDocument.get('52')?.items).toEqual([{ id: 'ti-4402', name: 'Sud Haute-Marne', departements: ['52'] }]);
    expect(() => parseTerritoires('insee_com,lib_com,id_ti,lib_ti\n55001,X,ti-1 ; ti-2,Un seul nom\n', 'f.csv', documentCodeOf)).toThrow(/f\.csv:2: 2 territory id\(s\) but 1 name/);
  });

  it('leaves out a territory with fewer than 5 communes outside its main département and marks the list « principaux »', () => {
    // ti-4401 has 6 communes in 55 (its main), 3 in 52 (left out), exactly 5 in 51 (kept).
    expect(byDocument.get('52')?.principaux).toBe(true);
    expect(byDocument.get('51')).toEqual({
      principaux: false,
      items: [{ id: 'ti-4401', name: 'Sud Meuse Nord Haute-Marne', departements: ['51', '52', '55'] }],
    });
  });

  it('puts the communes of 2A and 2B in document 20, and overseas communes in 971…', () => {
    expect(byDocument.get('20')?.items).toEqual([{ id: 'ti-9401', name: 'Ajaccio, pays ajaccien', departements: ['2A', '2B'] }]);
    expect(byDocument.get('971')?.items).toEqual([{ id: 'ti-0101', name: 'Cap Excellence', departements: ['971'] }]);
  });

  it('rejects a commune code that maps to no département', () => {
    expect(() => parseTerritoires('insee_com,lib_com,id_ti,lib_ti\n99001,X,ti-1,T\n', 'f.csv', documentCodeOf)).toThrow(/f\.csv:2/);
  });
});

describe('Territoires d’industrie, département table', () => {
  const text = readFileSync(new URL('../fixtures/raw/territoires/ti_par_departement.csv', import.meta.url), 'utf8');
  const { format, byDocument } = parseTerritoires(text, 'ti_par_departement.csv', documentCodeOf);

  it('reads the names printed in the reference factsheets, in French alphabetical order', () => {
    expect(format).toBe('departement');
    expect(byDocument.get('51')?.items.map((item) => item.name)).toEqual([
      'Grand Reims',
      'Ouest Champenois',
      "Pays d'Épernay Terres de Champagne",
      'Pays de Châlons',
      'Pays Vitryat',
      'Sud Meuse Nord Haute-Marne',
    ]);
    expect(byDocument.get('55')).toEqual({ principaux: false, items: [{ id: null, name: 'Sud Meuse Nord Haute-Marne', departements: ['51', '52', '55'] }] });
    expect(byDocument.get('23')?.items.map((item) => item.name)).toEqual(['Creuse Industrie']);
  });

  it('keeps the « principaux » mark of Haute-Marne', () => {
    expect(byDocument.get('52')?.principaux).toBe(true);
    expect(byDocument.get('08')?.principaux).toBe(false);
  });

  it('rejects an unknown table', () => {
    expect(() => parseTerritoires('a,b\n1,2\n', 'x.csv', documentCodeOf)).toThrow(/unrecognised/);
  });
});

describe('which list: programme and file date', () => {
  it('reads them from the official file names, or takes them as given', () => {
    expect(territoiresSourceOf('/x/liste-ti-com2023-20240704.csv')).toEqual({ programme: '2023–2027', file: 'liste-ti-com2023-20240704.csv', fileDate: '2024-07-04' });
    expect(territoiresSourceOf('data/raw/territoires-industrie/ti_2018_2023_by_departement.csv')).toEqual({
      programme: '2018–2023',
      file: 'ti_2018_2023_by_departement.csv',
      fileDate: null,
    });
    expect(territoiresSourceOf('ma-liste.csv', '2023-2027', '2025-01-31')).toEqual({ programme: '2023–2027', file: 'ma-liste.csv', fileDate: '2025-01-31' });
  });

  it('refuses a list whose programme cannot be told', () => {
    expect(() => territoiresSourceOf('ma-liste.csv')).toThrow(/--territoires-programme/);
    expect(() => territoiresSourceOf('ma-liste.csv', '2023–2027', '04/07/2024')).toThrow(/expected YYYY-MM-DD/);
  });

  it('marks every list with the programme', () => {
    const text = readFileSync(new URL('../fixtures/raw/territoires/liste-ti-com2023-20240704.csv', import.meta.url), 'utf8');
    const { byDocument } = parseTerritoires(text, 'liste-ti-com2023-20240704.csv', documentCodeOf, '2023–2027');
    expect([...byDocument.values()].every((list) => list.programme === '2023–2027')).toBe(true);
  });
});
