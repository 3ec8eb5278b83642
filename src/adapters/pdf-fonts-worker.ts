/**
 * The PDF fonts' shared subsets on Workers: made by `npm run worker:bundle` from the fonts it
 * bundles and shipped beside them as a Data module, so that a cold isolate's first PDF copies
 * them instead of subsetting three faces (the renderer checks they fit its fonts).
 */
import subsets from 'prebuilt:pdf-font-subsets.bin';

export function workerPdfFontSubsets(): Uint8Array {
  return new Uint8Array(subsets);
}
