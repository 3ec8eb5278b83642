import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LabelBook, parseShortLabelOverrides, SHORT_LABEL_MAX, shortenLabel } from '../../src/prep/short-labels.js';

describe('shortenLabel', () => {
  it('keeps short labels as they are', () => {
    expect(shortenLabel('Allemagne')).toBe('Allemagne');
  });

  it('cuts at « ; » or before a parenthesis', () => {
    expect(shortenLabel("Appareils de mesure, d'essai et de navigation ; articles d'horlogerie")).toBe('Appareils de mesure');
    expect(shortenLabel('Moteurs et turbines (à l’exclusion des moteurs pour avions, automobiles et motocycles)')).toBe('Moteurs et turbines');
  });

  it('cuts between words with an ellipsis and no dangling preposition', () => {
    const short = shortenLabel('Produits de la construction aéronautique et spatiale');
    expect(short.length).toBeLessThanOrEqual(SHORT_LABEL_MAX);
    expect(short).toBe('Produits de la construction…');
  });

  it('never exceeds the limit', () => {
    for (const label of ['Avitaillement et soutage dans le cadre des échanges avec les pays tiers', 'x'.repeat(80)]) {
      expect(shortenLabel(label).length).toBeLessThanOrEqual(SHORT_LABEL_MAX);
    }
  });
});

describe('LabelBook', () => {
  const overrides = parseShortLabelOverrides('type;code;libelle_court\npays;QU;Non déterminés\ncpf4;2910;Automobiles\n', 'short-labels.csv');
  const book = new LabelBook(
    {
      country: new Map([['QU', 'Pays et territoires non déterminés']]),
      product: new Map([['2910', 'Véhicules automobiles']]),
      activity: new Map(),
    },
    overrides,
  );

  it('applies the override table', () => {
    expect(book.labelled('country', 'QU')).toEqual({ code: 'QU', label: 'Pays et territoires non déterminés', shortLabel: 'Non déterminés' });
    expect(book.labelled('product', '2910').shortLabel).toBe('Automobiles');
  });

  it('keeps an unknown code as its label and records it', () => {
    expect(book.labelled('product', '9999')).toEqual({ code: '9999', label: '9999', shortLabel: '9999' });
    expect([...book.unknown.product]).toEqual(['9999']);
  });

  it('rejects a malformed override table', () => {
    expect(() => parseShortLabelOverrides('type;code;libelle_court\nregion;13;Grand Est\n', 'x.csv')).toThrow(/pays, cpf4 or a129/);
  });

  it('the committed override table holds readable labels within the limit', () => {
    const text = readFileSync(new URL('../../data/raw/short-labels.csv', import.meta.url), 'utf8');
    const table = parseShortLabelOverrides(text, 'short-labels.csv');
    expect(table.size).toBeGreaterThan(50);
    for (const label of table.values()) expect([...label].length).toBeLessThanOrEqual(SHORT_LABEL_MAX);
  });
});
