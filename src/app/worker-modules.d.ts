/**
 * Non-JavaScript modules the Worker imports: wrangler's rules (and miniflare's modulesRules in the
 * tests) turn `.wasm` files into compiled WebAssembly modules and font files into ArrayBuffers.
 */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}

declare module '*.ttf' {
  const bytes: ArrayBuffer;
  export default bytes;
}

/** The PDF fonts' shared subsets, made by `npm run worker:bundle` (src/cli/worker-bundle.ts) as a Data module. */
declare module 'prebuilt:pdf-font-subsets.bin' {
  const bytes: ArrayBuffer;
  export default bytes;
}

/** DSFR's stylesheets and icons, bundled as text (wrangler's `Text` rule). */
declare module '*.css' {
  const text: string;
  export default text;
}

declare module '*.svg' {
  const text: string;
  export default text;
}
