import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTerritoires } from '../../src/prep/territoires.js';

const documentCodeOf = (insee: string) => (insee === '2A' || insee === '2B' ? '20' : /^(0[1-9]|[1-8][0-9]|9[0-5]|97[1-46])$/.test(insee) ? insee : null);

describe('Territoires d’industrie, official commune list (insee_com,lib_com,id_ti,lib_ti)', () => {
  const text = readFileSync(new URL('../fixtures/raw/territoires/liste-ti-communes.csv', import.meta.url), 'utf8');
  const { format, byDocument } = parseTerritoires(text, 'liste-ti-communes.csv', documentCodeOf);

  it('recognises the format from its header', () => {
    expect(format).toBe('commune');
  });

  it('keeps a territory in its main département', () => {
    expect(byDocument.get('55')).toEqual({ principaux: false, items: [{ id: 'ti-4401', name: 'Sud Meuse Nord Haute-Marne' }] });
  });

  it('leaves out a territory with fewer than 5 communes outside its main département and marks the list « principaux »', () => {
    // ti-4401 has 6 communes in 55 (its main), 3 in 52 (left out), exactly 5 in 51 (kept).
    expect(byDocument.get('52')).toEqual({ principaux: true, items: [{ id: 'ti-4402', name: 'Sud Haute-Marne' }] });
    expect(byDocument.get('51')).toEqual({ principaux: false, items: [{ id: 'ti-4401', name: 'Sud Meuse Nord Haute-Marne' }] });
  });

  it('puts the communes of 2A and 2B in document 20, and overseas communes in 971…', () => {
    expect(byDocument.get('20')?.items).toEqual([{ id: 'ti-9401', name: 'Ajaccio, pays ajaccien' }]);
    expect(byDocument.get('971')?.items).toEqual([{ id: 'ti-0101', name: 'Cap Excellence' }]);
  });

  it('rejects a commune code that maps to no département', () => {
    expect(() => parseTerritoires('insee_com,lib_com,id_ti,lib_ti\n99001,X,ti-1,T\n', 'f.csv', documentCodeOf)).toThrow(/f\.csv:2/);
  });
});

describe('Territoires d’industrie, département table', () => {
  const text = readFileSync(new URL('../../data/raw/territoires-industrie/ti_par_departement.csv', import.meta.url), 'utf8');
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
    expect(byDocument.get('55')).toEqual({ principaux: false, items: [{ id: null, name: 'Sud Meuse Nord Haute-Marne' }] });
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
