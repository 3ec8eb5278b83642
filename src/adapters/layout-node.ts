/** The layout engine's wasm (yoga, shipped with Satori), read from node_modules on Node. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export async function loadYogaWasm(): Promise<Uint8Array> {
  const require = createRequire(import.meta.url);
  return new Uint8Array(await readFile(require.resolve('satori/yoga.wasm')));
}
