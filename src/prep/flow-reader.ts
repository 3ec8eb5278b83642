/**
 * Reads the lines of one customs data file (one flow) into an aggregate, checking each line:
 * `Flux;Trimestre;Année;Code département;Code région;Code A129;Code CPF4;Code pays;Valeur;Masse`.
 * A bad line is recorded with its file, line and reason and left out; whether that fails the build
 * is the caller's decision (the tolerance). Nothing but the aggregate and one small entry per
 * distinct row key (for the duplicate check) is kept.
 *
 * The file is read as bytes: each line is scanned once for its separators and every field is
 * checked and interned from its bytes, so a valid line builds no string at all. Strings are made
 * only for a code seen for the first time and for the messages of bad lines.
 */
import type { InputIssue } from './errors.js';
import type { Geography } from './geography.js';
import { ACTIVITY_LIMIT, COUNTRY_LIMIT, FlowAggregate, PRODUCT_LIMIT } from './aggregate.js';
import { SeenRows } from './row-keys.js';

export type Flow = 'E' | 'I';

export interface FlowReaderOptions {
  flow: Flow;
  year: number;
  /** Annual files must hold only their year; the rolling « dernière publication » files hold 5 quarters and are filtered. */
  otherYears: 'reject' | 'skip';
  file: string;
  geography: Geography;
  /** Stop recording details after this many issues (they are still counted). */
  maxIssueDetails?: number;
  /** About how many rows the file holds (from its size), to size the duplicate check once. */
  expectedRows?: number;
}

/** A row that repeats the key of an earlier one (quarter, département, A129, CPF4, country) with other figures. */
export interface RepeatedKey {
  line: number;
  firstLine: number;
}

/** Longer than any line of the official files by two orders of magnitude: beyond it the input is not text lines. */
export const MAX_LINE_BYTES = 4096;
const FIELDS = 10;
const SEMICOLON = 0x3b;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const ZERO = 0x30;
const MINUS = 0x2d;
/** Up to 15 digits a decimal number is always an exact double; longer ones are checked one by one. */
const ALWAYS_EXACT_DIGITS = 15;
const textDecoder = new TextDecoder('utf-8');
const EMPTY_BYTES = new Uint8Array(0);
const textEncoder = new TextEncoder();

export class FlowReader {
  readonly aggregate: FlowAggregate;
  readonly issues: InputIssue[] = [];
  issueCount = 0;
  rowsRead = 0;
  rowsSkippedOtherYears = 0;
  /** Rows whose key was already seen with other figures: summed, and reported as a warning. */
  repeatedKeyCount = 0;
  readonly repeatedKeys: RepeatedKey[] = [];
  /** Whole lines identical to an earlier one: left out, and reported as issues. */
  duplicateLineCount = 0;
  /** Sum of the values read so far; past 2^53 − 1 no sum would be exact. */
  total = 0;
  private readonly quarterKeys = new Set<number>();
  private lastQuarterKey = -1;
  private readonly flowByte: number;
  private readonly otherFlowByte: number;
  private readonly departementByBytes = new Int16Array(1 << 16).fill(-1);
  private readonly regionBytesOfDepartement: Int32Array;
  private readonly departementRegion: string[] = [];
  private readonly maxIssueDetails: number;
  private readonly seenRows: SeenRows;
  private readonly bounds = new Int32Array(FIELDS + 1);
  /** The tail of the previous chunk that did not end with a line break. */
  private carry: Uint8Array = EMPTY_BYTES;
  private lineNumber = 0;
  /** Set by the caller when it stopped reading before the end of the file. */
  stoppedAtLine: number | null = null;
  /** Set while skipping the rest of an overlong line. */
  private skippingLongLine = false;

  constructor(private readonly options: FlowReaderOptions) {
    this.maxIssueDetails = options.maxIssueDetails ?? 1000;
    this.seenRows = new SeenRows(options.expectedRows);
    this.flowByte = options.flow.charCodeAt(0);
    this.otherFlowByte = (options.flow === 'E' ? 'I' : 'E').charCodeAt(0);
    const departements = [...options.geography.departements.values()];
    this.regionBytesOfDepartement = new Int32Array(departements.length).fill(-1);
    departements.forEach((departement, index) => {
      const code = departement.customsCode;
      if (code.length === 2) this.departementByBytes[(code.charCodeAt(0) << 8) | code.charCodeAt(1)] = index;
      const region = departement.region.customsCode;
      if (region.length === 2) this.regionBytesOfDepartement[index] = (region.charCodeAt(0) << 8) | region.charCodeAt(1);
      this.departementRegion.push(region);
    });
    this.aggregate = new FlowAggregate(departements.map((d) => d.customsCode));
  }

  get file(): string {
    return this.options.file;
  }

  /** Lines (blank ones included) read so far, complete ones only. */
  get linesSeen(): number {
    return this.lineNumber;
  }

  /** `2024-Q1`-style keys of every quarter seen, the skipped years included: the rolling files say which they cover. */
  get quartersSeen(): Set<string> {
    return new Set([...this.quarterKeys].sort((a, b) => a - b).map((key) => `${Math.floor(key / 10)}-Q${key % 10}`));
  }

  /** The next bytes of the file, cut anywhere. */
  push(chunk: Uint8Array): void {
    const bytes = chunk;
    let start = 0;
    if (this.carry.length > 0) {
      const firstBreak = chunk.indexOf(NEWLINE);
      if (firstBreak === -1) return this.keepTail(concat(this.carry, chunk), 0);
      const line = concat(this.carry, chunk.subarray(0, firstBreak + 1));
      this.carry = EMPTY_BYTES;
      this.readLines(line, 0, line.length);
      start = firstBreak + 1;
    }
    if (this.skippingLongLine) {
      const next = bytes.indexOf(NEWLINE, start);
      if (next === -1) return;
      this.skippingLongLine = false;
      this.lineNumber += 1;
      start = next + 1;
    }
    const lastBreak = bytes.lastIndexOf(NEWLINE);
    if (lastBreak >= start) {
      this.readLines(bytes, start, lastBreak + 1);
      start = lastBreak + 1;
    }
    if (start < bytes.length) this.keepTail(bytes.subarray(start), 0);
  }

  /** Reads a last line that has no line break. */
  end(): void {
    if (this.skippingLongLine) {
      this.skippingLongLine = false;
      this.lineNumber += 1;
    }
    if (this.carry.length > 0) {
      const last = this.carry;
      this.carry = EMPTY_BYTES;
      this.lineNumber += 1;
      const end = last[last.length - 1] === RETURN ? last.length - 1 : last.length;
      if (end > 0) this.readRow(last, 0, end, this.lineNumber);
    }
  }

  /** One line of the file without its line break (the line-by-line entry, used by tests and tools). */
  readLine(line: string, lineNumber: number): void {
    const bytes = textEncoder.encode(line);
    this.lineNumber = lineNumber;
    if (bytes.length > 0) this.readRow(bytes, 0, bytes.length, lineNumber);
  }

  private keepTail(tail: Uint8Array, from: number): void {
    if (tail.length - from > MAX_LINE_BYTES) {
      this.carry = EMPTY_BYTES;
      this.skippingLongLine = true;
      this.reject(
        this.lineNumber + 1,
        `line longer than ${MAX_LINE_BYTES} bytes without a line break: not a customs data file, or a corrupted one`,
        `ligne de plus de ${MAX_LINE_BYTES} octets : fichier qui n'est pas un fichier de données douanières, ou endommagé`,
      );
      return;
    }
    this.carry = new Uint8Array(tail.subarray(from));
  }

  /**
   * Complete lines in bytes[start, end), `end` just after a line break. One pass over the bytes
   * finds both the line breaks and the separators.
   */
  private readLines(bytes: Uint8Array, start: number, end: number): void {
    const bounds = this.bounds;
    let at = start;
    while (at < end) {
      const lineStart = at;
      let fields = 1;
      let byte = bytes[at];
      while (byte !== NEWLINE) {
        if (byte === SEMICOLON) {
          if (fields < FIELDS) bounds[fields] = at;
          fields += 1;
        }
        at += 1;
        if (at === end) break;
        byte = bytes[at];
      }
      this.lineNumber += 1;
      const lineEnd = at > lineStart && bytes[at - 1] === RETURN ? at - 1 : at;
      if (lineEnd > lineStart) this.readFields(bytes, lineStart, lineEnd, fields, this.lineNumber);
      at += 1;
    }
  }

  /** One line without its line break. */
  private readRow(bytes: Uint8Array, start: number, end: number, lineNumber: number): void {
    const bounds = this.bounds;
    let fields = 1;
    for (let i = start; i < end; i += 1) {
      if (bytes[i] === SEMICOLON) {
        if (fields < FIELDS) bounds[fields] = i;
        fields += 1;
      }
    }
    this.readFields(bytes, start, end, fields, lineNumber);
  }

  /** Checks and sums the line bytes[start, end) whose separators are in `bounds` (the first FIELDS − 1 of `fields`). */
  private readFields(bytes: Uint8Array, start: number, end: number, fields: number, lineNumber: number): void {
    if (lineNumber === 1 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) {
      start += 3;
      if (start === end) return;
    }
    if (end - start > MAX_LINE_BYTES) {
      return this.reject(lineNumber, `line longer than ${MAX_LINE_BYTES} bytes`, `ligne de plus de ${MAX_LINE_BYTES} octets`);
    }
    if (fields !== FIELDS) {
      return this.reject(lineNumber, `expected 10 fields separated by ";", got ${fields}`, `${fields} champs au lieu de 10`);
    }
    const bounds = this.bounds;
    bounds[0] = start - 1;
    bounds[FIELDS] = end;

    // Flux
    let from = bounds[0] + 1;
    let to = bounds[1];
    if (to - from !== 1 || bytes[from] !== this.flowByte) {
      const flow = this.text(bytes, from, to);
      return to - from === 1 && bytes[from] === this.otherFlowByte
        ? this.reject(lineNumber, `flow "${flow}" in a file of flow "${this.options.flow}"`, `flux « ${flow} » dans un fichier de flux « ${this.options.flow} »`)
        : this.reject(lineNumber, `unknown flow "${flow}" (expected E or I)`, `flux inconnu « ${flow} » (E ou I attendu)`);
    }
    // Trimestre
    from = bounds[1] + 1;
    to = bounds[2];
    const quarter = bytes[from] - ZERO;
    if (to - from !== 1 || quarter < 1 || quarter > 4) {
      const text = this.text(bytes, from, to);
      return this.reject(lineNumber, `unknown quarter "${text}" (expected 1 to 4)`, `trimestre inconnu « ${text} » (1 à 4 attendu)`);
    }
    // Année
    from = bounds[2] + 1;
    to = bounds[3];
    const year = to - from === 4 ? digitsValue(bytes, from, to) : -1;
    if (year < 0) {
      const text = this.text(bytes, from, to);
      return this.reject(lineNumber, `invalid year "${text}"`, `année invalide « ${text} »`);
    }
    const quarterKey = year * 10 + quarter;
    if (quarterKey !== this.lastQuarterKey) {
      this.quarterKeys.add(quarterKey);
      this.lastQuarterKey = quarterKey;
    }
    if (year !== this.options.year) {
      if (this.options.otherYears === 'skip') {
        this.rowsSkippedOtherYears += 1;
        return;
      }
      return this.reject(lineNumber, `year ${year} does not match the expected year ${this.options.year}`, `année ${year} au lieu de ${this.options.year}`);
    }
    // Code département, code région
    from = bounds[3] + 1;
    to = bounds[4];
    const departement = to - from === 2 ? this.departementByBytes[(bytes[from] << 8) | bytes[from + 1]] : -1;
    if (departement < 0) {
      const text = this.text(bytes, from, to);
      return this.reject(lineNumber, `unknown département code "${text}"`, `code de département inconnu « ${text} »`);
    }
    from = bounds[4] + 1;
    to = bounds[5];
    if (to - from !== 2 || ((bytes[from] << 8) | bytes[from + 1]) !== this.regionBytesOfDepartement[departement]) {
      const region = this.text(bytes, from, to);
      const code = this.aggregate.departementCodes[departement];
      const expected = this.departementRegion[departement];
      return this.options.geography.regionsByCustomsCode.has(region)
        ? this.reject(
            lineNumber,
            `région "${region}" does not match département ${code} (région ${expected})`,
            `la région « ${region} » ne correspond pas au département ${code} (région ${expected})`,
          )
        : this.reject(lineNumber, `unknown région code "${region}"`, `code de région inconnu « ${region} »`);
    }
    // Codes A129, CPF4, pays
    if (bounds[6] === bounds[5] + 1 || bounds[7] === bounds[6] + 1 || bounds[8] === bounds[7] + 1) {
      return this.reject(lineNumber, 'empty A129, CPF4 or country code', 'code A129, CPF4 ou pays vide');
    }
    // Valeur
    from = bounds[8] + 1;
    to = bounds[9];
    let value = to > from && to - from <= ALWAYS_EXACT_DIGITS ? digitsValue(bytes, from, to) : -1;
    if (value < 0) {
      const text = this.text(bytes, from, to);
      if (to - from > ALWAYS_EXACT_DIGITS && /^[0-9]+$/.test(text)) {
        value = Number(text);
        if (!Number.isSafeInteger(value)) {
          return this.reject(
            lineNumber,
            `value "${text}" is too large to be exact (more than 2^53 − 1)`,
            `valeur « ${text} » trop grande pour être exacte`,
          );
        }
      } else {
        return /^-[0-9]+$/.test(text)
          ? this.reject(lineNumber, `negative value "${text}"`, `valeur négative « ${text} »`)
          : this.reject(lineNumber, `non-numeric value "${text}"`, `valeur non numérique « ${text} »`);
      }
    }
    // Masse: kept only to tell a repeated line from a row with the same key and other figures.
    from = bounds[9] + 1;
    const mass = massKey(bytes, from, end);
    if (Number.isNaN(mass)) {
      const text = this.text(bytes, from, end);
      return this.reject(lineNumber, `non-numeric mass "${text}"`, `masse non numérique « ${text} »`);
    }

    const aggregate = this.aggregate;
    const activity = aggregate.activityGroups.internBytes(bytes, bounds[5] + 1, bounds[6]);
    const product = aggregate.products.internBytes(bytes, bounds[6] + 1, bounds[7]);
    const country = aggregate.countries.internBytes(bytes, bounds[7] + 1, bounds[8]);
    // The ids spell the key text: the same quarter, département (hence région), A129 and CPF4 ids
    // mean the same text up to the country (every row kept here has the year asked for).
    const prefix = ((departement * 4 + quarter - 1) * ACTIVITY_LIMIT + activity) * PRODUCT_LIMIT + product;
    const key = prefix * COUNTRY_LIMIT + country;
    const earlier = this.seenRows.add(bytes, bounds[1] + 1, bounds[7] + 1, bounds[8], prefix, key, lineNumber, value, mass);
    if (earlier > 0) {
      if (this.seenRows.sameFigures()) {
        this.duplicateLineCount += 1;
        return this.reject(lineNumber, `duplicate of line ${earlier}`, `ligne identique à la ligne ${earlier}`);
      }
      this.repeatedKeyCount += 1;
      if (this.repeatedKeys.length < 20) this.repeatedKeys.push({ line: lineNumber, firstLine: earlier });
    }
    if (this.total + value > Number.MAX_SAFE_INTEGER) {
      return this.reject(
        lineNumber,
        'the sum of the flow exceeds 2^53 − 1 here: no total would be exact',
        'la somme du flux dépasse ici 2^53 − 1 : aucun total ne serait exact',
      );
    }
    this.total += value;
    this.rowsRead += 1;
    aggregate.addIds(departement, activity, product, country, value);
  }

  private text(bytes: Uint8Array, from: number, to: number): string {
    return textDecoder.decode(bytes.subarray(from, to));
  }

  private reject(line: number, reason: string, reasonFr: string): void {
    this.issueCount += 1;
    if (this.issues.length < this.maxIssueDetails) this.issues.push({ file: this.options.file, line, reason, reasonFr });
  }
}

/** The number written by the ASCII digits in bytes[from, to), or −1 if any byte is not a digit. */
function digitsValue(bytes: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const digit = bytes[i] - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const INVALID_MASS = Number.NaN;

/**
 * The mass as a number that tells two masses apart: empty → −1, `-n` → −n − 2, else n; NaN when
 * the field is not `-?[0-9]*`. Beyond 15 digits the number may be rounded, which only matters for
 * telling apart two rows that are already identical in every other field.
 */
function massKey(bytes: Uint8Array, from: number, to: number): number {
  if (to === from) return -1;
  const negative = bytes[from] === MINUS;
  const digitsFrom = negative ? from + 1 : from;
  let value = 0;
  for (let i = digitsFrom; i < to; i += 1) {
    const digit = bytes[i] - ZERO;
    if (digit < 0 || digit > 9) return INVALID_MASS;
    value = value * 10 + digit;
  }
  return negative ? -value - 2 : value;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
