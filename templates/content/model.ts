/**
 * The factsheet's content in reading order, with what each piece is: a heading of some level, a
 * paragraph, a list, a figure with its alternative text and data, a note. The page drawing loses
 * these roles; the HTML factsheet (and anything else that must say the same words in the same
 * order) is written from this model instead. Plain data only, so that it crosses threads as is.
 */
import type { Run } from '../texts';

export type HeadingLevel = 1 | 2 | 3;

/** A table of the figures a chart draws: header cells label columns, the first cell of each row labels its row. */
export interface DataTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface FigureBlock {
  kind: 'figure';
  /** The chart slug, as in `/fiche/{code}/{slug}.svg`. */
  chart: string;
  title: string;
  /** The chart's main figures as sentences: the same text as the SVG's `<desc>` and the PDF's `/Alt`. */
  alt: string;
  /** Size of the chart's drawing (the standalone card) in its own units, for the image's aspect ratio. */
  width: number;
  height: number;
  table: DataTable;
}

export type Block =
  | { kind: 'heading'; level: HeadingLevel; text: string }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'list'; items: Run[][] }
  | FigureBlock
  /** Secondary text: footnotes and the totals under a chart. */
  | { kind: 'note'; runs: Run[] };

/** One page of the printed factsheet, and its part of the HTML page. */
export interface Section {
  /** The page's name, as in the page PDF's title. */
  title: string;
  /** Page number in the PDF. */
  page: number;
  blocks: Block[];
}

/** What every printed page repeats: the web page says it once. */
export interface PageFurniture {
  title: string;
  departement: { code: string; name: string };
  year: number;
  dataVersion: string;
  publisher: string;
  source: string;
  /** The sample notice and its detail when the figures are synthetic; null for real data. */
  sample: { notice: string; detail: string } | null;
}

export interface FactsheetContent {
  furniture: PageFurniture;
  sections: Section[];
}
