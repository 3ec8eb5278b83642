/**
 * Request parameters as URLs carry them, validated before anything is read: a file name is split
 * into its parts by strict patterns, so that no path separator, dot segment or overlong string
 * can reach storage.
 */
import { z } from 'zod';
import { DepartementCode } from './schema.js';

/** Longest file name any route accepts (`export-region.pdf` is 17); longer input is refused early. */
const MAX_SEGMENT = 40;

const segment = z.string().min(1).max(MAX_SEGMENT);

/** `55.pdf`, `2A.pdf`: the whole factsheet. */
export const FactsheetFileParam = segment
  .regex(/^[0-9AB]{2,3}\.pdf$/)
  .transform((file) => file.slice(0, -'.pdf'.length))
  .pipe(DepartementCode);

/** `55.json`, `971.csv`: the indicator document. */
export const DataFileParam = segment.regex(/^[0-9AB]{2,3}\.(json|csv)$/).transform((file) => {
  const dot = file.lastIndexOf('.');
  return { code: file.slice(0, dot), format: file.slice(dot + 1) as 'json' | 'csv' };
}).pipe(z.object({ code: DepartementCode, format: z.enum(['json', 'csv']) }));

export const CodeParam = segment.pipe(DepartementCode);

/** `pays.png`, `page-2.pdf`: one chart or one page; whether the slug exists is the renderer's to say. */
export const PartFileParam = segment.regex(/^[a-z0-9-]+\.(svg|png|pdf)$/).transform((file) => {
  const dot = file.lastIndexOf('.');
  return { slug: file.slice(0, dot), format: file.slice(dot + 1) as 'svg' | 'png' | 'pdf' };
});
export type PartFile = z.output<typeof PartFileParam>;

/** `page-1` … `page-N`, without leading zeros so that each page has exactly one URL. */
export function pageNumber(slug: string, pageCount: number): number | null {
  const match = /^page-([1-9][0-9]{0,2})$/.exec(slug);
  if (!match) return null;
  const page = Number(match[1]);
  return page <= pageCount ? page : null;
}

/** `?w=` for PNGs: whole pixels within the renderer's bounds; absent means the default width. */
export function pngWidthParam(bounds: { min: number; max: number; default: number }) {
  return z
    .string()
    .max(5)
    .regex(/^[1-9][0-9]*$/, 'largeur en pixels attendue')
    .transform(Number)
    .pipe(z.number().int().min(bounds.min).max(bounds.max))
    .optional()
    .transform((width) => width ?? bounds.default);
}
