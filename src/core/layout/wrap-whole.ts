/**
 * A label broken into at most `maxLines` lines with every word kept, or null when it does not fit:
 * a chart then chooses another size or place for it rather than print a name cut by an ellipsis.
 */
import type { FontWeight, TextMeasurer } from '../text-measure';

export function wrapWhole(measure: TextMeasurer, text: string, size: number, maxWidth: number, maxLines: number, weight: FontWeight = 400): string[] | null {
  // The measurer's wrap ends a label it had to cut with « … »; one line more tells whether it did.
  const lines = measure.wrap(text, size, maxWidth, maxLines + 1, weight);
  if (lines.length === 0 || lines.length > maxLines) return null;
  return lines;
}
