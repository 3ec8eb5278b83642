/** The committed font files, read from disk on Node. */
import { readFile } from 'node:fs/promises';
import type { FontFiles } from '../ports';

/** Two levels up both from src/adapters/ (TypeScript) and from the compiled server in dist/server/ (npm start). */
const directory = new URL('../../templates/fonts/', import.meta.url);

export async function loadNodeFonts(): Promise<FontFiles> {
  const [regular, bold, italic] = await Promise.all(
    ['SourceSans3-Regular.ttf', 'SourceSans3-Bold.ttf', 'SourceSans3-Italic.ttf'].map((name) => readFile(new URL(name, directory))),
  );
  return { regular: new Uint8Array(regular!), bold: new Uint8Array(bold!), italic: new Uint8Array(italic!) };
}
