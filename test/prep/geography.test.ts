import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDepartementCodes, parseGeography } from '../../src/prep/geography.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const geography = parseGeography(read('data/raw/labels/Departement_region.txt'), read('data/raw/insee/departements_101_with_dgddi_codes.csv'));

describe('customs geography → INSEE', () => {
  it('maps every customs département and région code', () => {
    expect(geography.departements.size).toBe(101);
    expect(geography.departements.get('55')).toMatchObject({
      document: { code: '55', name: 'Meuse' },
      region: { code: '44', customsCode: '13', name: 'Grand Est' },
    });
    expect(geography.departements.get('23')?.region.name).toBe('Nouvelle-Aquitaine');
  });

  it('keeps Corse as one document 20 that both 2A and 2B resolve to, in région 94', () => {
    const corse = geography.departements.get('20')!;
    expect(corse.document).toEqual({
      code: '20',
      name: 'Corse',
      inseeCodes: [
        { code: '2A', name: 'Corse-du-Sud' },
        { code: '2B', name: 'Haute-Corse' },
      ],
    });
    expect(corse.region).toEqual({ code: '94', customsCode: '22', name: 'Corse' });
  });

  it('maps 9A–9E to the INSEE overseas départements, compared to région DOM', () => {
    const expected = { '9A': '971', '9B': '972', '9C': '973', '9D': '974', '9E': '976' };
    for (const [customs, insee] of Object.entries(expected)) {
      const departement = geography.departements.get(customs)!;
      expect(departement.document?.code).toBe(insee);
      expect(departement.region).toEqual({ code: 'DOM', customsCode: '24', name: 'DOM' });
    }
    expect(geography.departements.get('9D')?.document?.name).toBe('La Réunion');
  });

  it('counts Monaco (99) in Provence-Alpes-Côte d’Azur with no document of its own', () => {
    const monaco = geography.departements.get('99')!;
    expect(monaco.document).toBeNull();
    expect(monaco.region).toMatchObject({ code: '93', name: "Provence-Alpes-Côte d'Azur" });
  });

  it('orders INSEE codes as INSEE does', () => {
    expect(['971', '2B', '21', '20', '2A', '19', '95'].sort(compareDepartementCodes)).toEqual(['19', '20', '2A', '2B', '21', '95', '971']);
  });
});
