import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeFonts } from '../../src/adapters/fonts-node';
import { breakLines, type StyledRun } from '../../src/core/line-break';
import { createTextMeasurer, type TextMeasurer } from '../../src/core/text-measure';
import * as texts from '../../templates/texts';

let measure: TextMeasurer;
beforeAll(async () => {
  measure = createTextMeasurer(await loadNodeFonts());
});

const plain = (text: string, style = 'plain'): StyledRun<string> => ({ text, weight: 400, style });
const lineText = (segments: { text: string }[]): string => segments.map((segment) => segment.text).join(' ');

describe('line breaking', () => {
  it('keeps every word, in order, and no line wider than the box unless it is one word', () => {
    const text = texts.context.contextParagraphs(2024).join(' ');
    for (const width of [120, 300, 515]) {
      const lines = breakLines([plain(text)], width, 9.5, measure);
      expect(lines.map(lineText).join(' ')).toBe(text.replace(/\s+/g, ' ').trim());
      for (const segments of lines) {
        const last = segments[segments.length - 1]!;
        if (segments.length > 1 || last.text.includes(' ')) expect(last.x + last.width).toBeLessThanOrEqual(width + 0.01);
      }
      if (width === 515) expect(lines.length).toBeGreaterThan(5);
    }
  });

  it('fills lines: the first word of each line would not have fitted on the line before', () => {
    const text = texts.context.methodIntro;
    const width = 200;
    const lines = breakLines([plain(text)], width, 9.5, measure);
    for (let index = 1; index < lines.length; index++) {
      const previous = lines[index - 1]!;
      const end = previous[previous.length - 1]!;
      const firstWord = lines[index]![0]!.text.split(' ')[0]!;
      expect(end.x + end.width + measure.width(' ' + firstWord, 9.5)).toBeGreaterThan(width);
    }
  });

  it('places segments of other styles after a space, measured in their own weight', () => {
    const runs: StyledRun<string>[] = [plain('Figurent en bleu '), { text: 'les biens importés', weight: 700, style: 'bold' }, plain(' dans le département.')];
    const [line] = breakLines(runs, 1000, 10, measure);
    expect(line!.map((segment) => [segment.text, segment.style])).toEqual([
      ['Figurent en bleu', 'plain'],
      ['les biens importés', 'bold'],
      ['dans le département.', 'plain'],
    ]);
    expect(line![1]!.width).toBeCloseTo(measure.width('les biens importés', 10, 700), 5);
    expect(line![1]!.x).toBeCloseTo(measure.width('Figurent en bleu ', 10), 5);
  });

  it('never breaks at a non-breaking space nor before high punctuation', () => {
    const text = 'Total des exportations : 1\u202f340,7 millions d\u2019euros';
    for (let width = 40; width < 260; width += 3) {
      const lines = breakLines([plain(text)], width, 10, measure);
      for (const segments of lines) {
        expect(segments[0]!.text.startsWith(':')).toBe(false);
        expect(segments[0]!.text.startsWith('340')).toBe(false);
      }
    }
  });
});

describe('kept lines of plain text', () => {
  it('are the lines breakLines gives, for each box and weight, and served again unchanged', () => {
    const text = texts.context.methodIntro;
    for (const [width, weight] of [[515, 400], [150, 400], [150, 700]] as const) {
      const fresh = breakLines([{ text, weight, style: null }], width, 9.5, measure);
      const kept = measure.plainLines(text, width, 9.5, weight);
      expect(kept).toEqual(fresh);
      expect(measure.plainLines(text, width, 9.5, weight)).toBe(kept);
    }
    expect(measure.plainLines(text, 150, 9.5).length).toBeGreaterThan(measure.plainLines(text, 515, 9.5).length);
  });
});
