import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLabelFile } from '../../src/prep/labels.js';
import { decodeText } from '../../src/prep/text.js';

const fixture = (name: string) => decodeText(readFileSync(new URL(`../fixtures/raw/labels/${name}`, import.meta.url)));

describe('label files in their official encodings', () => {
  it('reads Libelle_A129.txt (UTF-8 with BOM, CRLF) with a quoted label containing ";"', () => {
    const { text, encoding } = fixture('Libelle_A129.txt');
    expect(encoding).toBe('utf-8');
    const { labels, issues } = parseLabelFile(text, 'Libelle_A129.txt', 2024);
    expect(issues).toEqual([]);
    expect([...labels.keys()][0]).toBe('A01Z');
    expect(labels.get('A01Z')).toBe('Produits de la culture et de l’élevage');
    expect(labels.get('C26E')).toBe("Appareils de mesure, d'essai et de navigation ; articles d'horlogerie");
  });

  it('reads Libelle_CPF4_rev2.1.txt in Windows-1252', () => {
    const { text, encoding } = fixture('Libelle_CPF4_rev2.1.txt');
    expect(encoding).toBe('windows-1252');
    const { labels } = parseLabelFile(text, 'Libelle_CPF4_rev2.1.txt', 2024);
    expect(labels.get('0111')).toBe("Céréales (à l'exclusion du riz), légumineuses et oléagineux");
    expect(labels.get('1071')).toBe('Pain ; pâtisseries et viennoiseries fraîches');
    expect(labels.get('2910')).toBe('Véhicules automobiles');
  });

  it('decodes the Windows-1252 characters that Latin-1 lacks (œ, ’) in the committed CPF4 file', () => {
    const text = decodeText(readFileSync(new URL('../../data/raw/labels/Libelle_CPF4_rev2.1.txt', import.meta.url))).text;
    const { labels } = parseLabelFile(text, 'Libelle_CPF4_rev2.1.txt', 2024);
    expect(labels.size).toBe(576);
    expect(labels.get('0147')).toBe('Volailles vivantes et œufs');
  });

  it('keeps the country row valid for the year when a code appears twice (QU, XK, XS)', () => {
    const { text } = fixture('Libelle_PAYS.txt');
    const in2024 = parseLabelFile(text, 'Libelle_PAYS.txt', 2024).labels;
    expect(in2024.get('QU')).toBe('Pays et territoires non déterminés');
    expect(in2024.get('XK')).toBe('Kosovo');
    expect(in2024.get('XS')).toBe('Serbie');
    const in1995 = parseLabelFile(text, 'Libelle_PAYS.txt', 1995).labels;
    expect(in1995.get('QU')).toBe('Pays NDA');
    expect(in1995.has('XK')).toBe(false);
    expect(in1995.get('XS')).toBe('Saba');
    // In 2005 both XS rows are valid for part of the year: the more recent wins.
    expect(parseLabelFile(text, 'Libelle_PAYS.txt', 2005).labels.get('XS')).toBe('Serbie');
  });

  it('reports malformed label lines with file and line', () => {
    const { labels, issues } = parseLabelFile('DE;Allemagne;190001;999912\r\nFR;France\r\n', 'Libelle_PAYS.txt', 2024);
    expect(labels.get('DE')).toBe('Allemagne');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'Libelle_PAYS.txt', line: 2 });
    expect(issues[0].reasonFr).toMatch(/libellé/);
  });
});

describe('duplicate label codes', () => {
  it('lists the codes with more than one row valid in the year, with their lines, and whether the lines are identical', () => {
    const text = 'DE;Allemagne;190001;999912\r\nFR;France;190001;999912\r\nDE;Allemagne;190001;999912\r\nXS;Saba;190001;200512\r\nXS;Serbie;200501;999912\r\nFR;République française;202001;999912\r\n';
    const table = parseLabelFile(text, 'Libelle_PAYS.txt', 2024);
    expect(table.duplicates).toEqual([
      { code: 'DE', lines: [1, 3], identical: true },
      { code: 'FR', lines: [2, 6], identical: false },
    ]);
    expect(table.labels.get('FR')).toBe('République française');
    expect(parseLabelFile(text, 'Libelle_PAYS.txt', 2005).duplicates.map((duplicate) => duplicate.code)).toEqual(['DE', 'XS']);
  });
});
