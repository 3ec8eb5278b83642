/**
 * The customs service's labels carry abbreviations a reader of the factsheet does not know
 * (« n.c.a. », « élec. »): the charts print them written out. The reviewed short labels themselves
 * live with the data (data/raw/short-labels.csv); this is the display side's last word on them.
 */
import type { Labelled } from '../../src/core/schema';

const SPELLED_OUT: readonly [RegExp, string][] = [
  [/(?<!\p{L})n\.\s?c\.\s?a\.?(?=\s|$|[,;)])/gu, 'non classés ailleurs'],
  [/(?<!\p{L})élec\.(?=\s|$|[,;)])/gu, 'électriques'],
];

export function readableLabel(text: string): string {
  return SPELLED_OUT.reduce((label, [pattern, replacement]) => label.replace(pattern, replacement), text);
}

/** The same items with their short label written out, untouched when there was nothing to write out. */
export function withReadableLabels<T extends Labelled>(items: readonly T[]): T[] {
  return items.map((item) => {
    const shortLabel = readableLabel(item.shortLabel);
    return shortLabel === item.shortLabel ? item : { ...item, shortLabel };
  });
}
