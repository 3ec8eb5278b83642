// Mutation testing of the pure core and the HTTP app (`npm run mutation`, not part of `npm test`).
// The report is written to reports/mutation/; the incremental file lets a later run re-test only
// the mutants whose code or covering tests changed.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  // The HTTP app, and the parts of the core that unit tests reach one test at a time: figures,
  // request parsing, SVG paths to PDF operators, line breaking, the PNG encoder. Left out: the chart
  // layouts (their tests sweep every département, a minute per mutant), and the renderer and PDF
  // writer, exercised by whole-factsheet tests that render in set-up hooks (every mutant there
  // would rerun everything); see vitest.mutation.config.ts.
  mutate: [
    'src/app/**/*.ts',
    'src/core/format.ts',
    'src/core/request.ts',
    'src/core/line-break.ts',
    'src/core/svg-path-to-pdf.ts',
    'src/core/png-encode.ts',
    'src/core/base64.ts',
    'src/core/escape-xml.ts',
    '!src/**/*.d.ts',
  ],
  coverageAnalysis: 'perTest',
  checkers: [],
  // Module-level code (zod schemas, constant tables) runs before any test: each of its mutants would
  // rerun the whole set. Ignored (about a tenth of the mutants here), and said so in the README.
  ignoreStatic: true,
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  timeoutMS: 30_000,
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.tmp/stryker',
  cleanTempDir: true,
};
