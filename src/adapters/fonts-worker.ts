/**
 * The factsheet fonts on Workers: there is no file system, so the TTF files are bundled as Data
 * modules (wrangler.toml's rules) and arrive as ArrayBuffers.
 */
import bold from '../../templates/fonts/SourceSans3-Bold.ttf';
import italic from '../../templates/fonts/SourceSans3-Italic.ttf';
import regular from '../../templates/fonts/SourceSans3-Regular.ttf';
import type { FontFiles } from '../ports.js';

export function workerFonts(): FontFiles {
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold), italic: new Uint8Array(italic) };
}
