/**
 * Bundles src/entry-worker.ts the way wrangler does (one ESM script plus its wasm and font modules
 * beside it) and prints its size, raw and gzipped. The worker test runs this same bundle in workerd.
 * It also makes the PDF fonts' shared subsets from the fonts it bundles (a Data module), so that a
 * cold isolate's first PDF copies them instead of subsetting three faces.
 */
import { build, type Plugin } from 'esbuild';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { PDF_DEFLATE_LEVEL, nodeDeflate } from '../adapters/deflate-node.js';
import { loadNodeFonts } from '../adapters/fonts-node.js';
import { prebuildPdfFontSubsets } from '../core/pdf-font-prebuild.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkerBundle {
  dir: string;
  /** Path of the main module, `worker.js`. */
  script: string;
  files: { name: string; bytes: number; gzipBytes: number }[];
  rawBytes: number;
  gzipBytes: number;
}

/**
 * `.wasm`, `.ttf`, `.css` and `.svg` imports stay imports of sibling files: workerd loads them as CompiledWasm,
 * Data and Text modules (Workers refuse to compile wasm from bytes at run time).
 */
const siblingModules = (outDir: string): Plugin => ({
  name: 'sibling-modules',
  setup(context) {
    context.onResolve({ filter: /\.(wasm|ttf|css|svg)$/ }, async (args) => {
      const source = args.path.startsWith('.') ? resolve(args.resolveDir, args.path) : createRequire(join(args.resolveDir, 'noop.js')).resolve(args.path);
      await copyFile(source, join(outDir, basename(source)));
      return { path: `./${basename(source)}`, external: true };
    });
  },
});

/** What `prebuilt:pdf-font-subsets.bin` (src/adapters/pdf-fonts-worker.ts) becomes: made here, never kept in the tree. */
export const PDF_FONT_SUBSETS_MODULE = 'pdf-font-subsets.bin';

/**
 * Made from the fonts the bundle carries (the same files fonts-worker.ts imports) with the zlib
 * level the Worker compresses PDF streams at; workerd's node:zlib gives Node's bytes (the
 * prerender test compares a Worker's PDF with one written on Node).
 */
const prebuiltPdfFontSubsets = (outDir: string): Plugin => ({
  name: 'prebuilt-pdf-font-subsets',
  setup(context) {
    context.onResolve({ filter: /^prebuilt:pdf-font-subsets\.bin$/ }, async () => {
      await writeFile(join(outDir, PDF_FONT_SUBSETS_MODULE), prebuildPdfFontSubsets(await loadNodeFonts(), nodeDeflate(PDF_DEFLATE_LEVEL)));
      return { path: `./${PDF_FONT_SUBSETS_MODULE}`, external: true };
    });
  },
});

export async function bundleWorker(outDir = join(ROOT, 'dist/worker')): Promise<WorkerBundle> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const script = join(outDir, 'worker.js');
  await build({
    entryPoints: [join(ROOT, 'src/entry-worker.ts')],
    outfile: script,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser', 'import'],
    mainFields: ['browser', 'module', 'main'],
    minify: true,
    legalComments: 'none',
    // As wrangler does: libraries branch on it, and Workers have no `process`.
    define: { 'process.env.NODE_ENV': '"production"' },
    // The runtime's own zlib (compatibility flag nodejs_compat, see wrangler.toml).
    external: ['node:zlib'],
    logLevel: 'warning',
    plugins: [prebuiltPdfFontSubsets(outDir), siblingModules(outDir)],
  });
  const files = await Promise.all(
    (await readdir(outDir)).sort().map(async (name) => {
      const bytes = await readFile(join(outDir, name));
      return { name, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength };
    }),
  );
  return {
    dir: outDir,
    script,
    files,
    rawBytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const bundle = await bundleWorker(process.argv[2] ? resolve(process.argv[2]) : undefined);
  for (const file of bundle.files) console.log(`${file.name.padEnd(28)} ${kib(file.bytes).padStart(12)} raw ${kib(file.gzipBytes).padStart(12)} gzip`);
  console.log(`${'total'.padEnd(28)} ${kib(bundle.rawBytes).padStart(12)} raw ${kib(bundle.gzipBytes).padStart(12)} gzip  (Workers limit: 64 MiB raw; free plan 3 MiB gzip, paid 10 MiB gzip)`);
  console.log(`bundle written to ${dirname(bundle.script)}`);
}
