/**
 * What `npm run render:all` can render ahead of time, one entry per kind of object. Each object
 * carries the parts the app names it by (src/app.ts builds the same parts from the URL), so the key
 * it is written under is the key the service looks up. A new kind of object is one more entry in
 * OBJECT_KINDS.
 */
import { HTML_CONTENT_TYPE, factsheetPage, factsheetPageParts } from '../app/html-factsheet.js';
import type { Renderer } from '../core/render.js';
import type { ChartSlug, FactsheetInput } from '../core/factsheet.js';

export type PartFormat = 'svg' | 'png' | 'pdf';
export const PART_FORMATS: readonly PartFormat[] = ['svg', 'png', 'pdf'];

export interface ObjectChoice {
  /** Formats of pages and charts (the whole factsheet is a PDF whatever this says). */
  formats: readonly PartFormat[];
  /** PNG pixel widths. */
  widths: readonly number[];
  pageCount: number;
  chartSlugs: readonly string[];
  /** `https://host` the service is reached at: the HTML page's newsletter snippets carry it. */
  origin?: string;
}

export interface PrerenderObject {
  /** As the app names the object for its cache, ETag and prerendered key. */
  parts: readonly (string | number)[];
  contentType: string;
  /** The URL path that serves it, for people and tests. */
  path(code: string): string;
  /** `code` is the département as the manifest names it, which the HTML page's links keep. */
  render(renderer: Renderer, input: FactsheetInput, code: string): Promise<Uint8Array | string>;
}

export interface ObjectKind {
  name: string;
  objects(choice: ObjectChoice): PrerenderObject[];
}

export const CONTENT_TYPES: Record<PartFormat, string> = {
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  pdf: 'application/pdf',
};

type PartRender = (renderer: Renderer, input: FactsheetInput, format: PartFormat, width: number) => Promise<Uint8Array | string>;

/** Pages and charts share their URL form: `/fiche/<code>/<slug>.<format>[?w=<width>]`. */
function partObjects(slugs: readonly string[], choice: ObjectChoice, render: (slug: string) => PartRender): PrerenderObject[] {
  const objects: PrerenderObject[] = [];
  for (const slug of slugs) {
    for (const format of choice.formats) {
      for (const width of format === 'png' ? choice.widths : [0]) {
        objects.push({
          parts: format === 'png' ? [slug, format, `w${width}`] : [slug, format],
          contentType: CONTENT_TYPES[format],
          path: (code) => `/fiche/${code}/${slug}.${format}${format === 'png' ? `?w=${width}` : ''}`,
          render: (renderer, input) => render(slug)(renderer, input, format, width),
        });
      }
    }
  }
  return objects;
}

const pageRender =
  (slug: string): PartRender =>
  async (renderer, input, format, width) => {
    const page = Number(slug.slice('page-'.length));
    if (format === 'svg') return renderer.pageSvg(input, page);
    if (format === 'png') return renderer.pagePng(input, page, width);
    return renderer.pagePdf(input, page);
  };

const chartRender =
  (slug: string): PartRender =>
  async (renderer, input, format, width) => {
    const chart = slug as ChartSlug;
    if (format === 'svg') return renderer.chartSvg(input, chart);
    if (format === 'png') return renderer.chartPng(input, chart, width);
    return renderer.chartPdf(input, chart);
  };

export const OBJECT_KINDS: readonly ObjectKind[] = [
  {
    name: 'fiche',
    objects: () => [{ parts: ['pdf'], contentType: CONTENT_TYPES.pdf, path: (code) => `/fiche/${code}.pdf`, render: (renderer, input) => renderer.factsheetPdf(input) }],
  },
  {
    name: 'pages',
    objects: (choice) => partObjects(Array.from({ length: choice.pageCount }, (_, index) => `page-${index + 1}`), choice, pageRender),
  },
  { name: 'charts', objects: (choice) => partObjects(choice.chartSlugs, choice, chartRender) },
  {
    name: 'html',
    objects: ({ origin }) => {
      if (origin === undefined) throw new RangeError('the HTML page carries absolute addresses for newsletters: say which origin the service is reached at (--origin https://…)');
      return [
        {
          parts: factsheetPageParts(origin),
          contentType: HTML_CONTENT_TYPE,
          path: (code) => `/fiche/${code}`,
          render: async (renderer, input, code) => factsheetPage(await renderer.factsheetContent(input), { code, origin }),
        },
      ];
    },
  },
];

export function objectKind(name: string): ObjectKind {
  const kind = OBJECT_KINDS.find((candidate) => candidate.name === name);
  if (!kind) throw new RangeError(`unknown kind of object ${JSON.stringify(name)}: expected one of ${OBJECT_KINDS.map((known) => known.name).join(', ')}`);
  return kind;
}
