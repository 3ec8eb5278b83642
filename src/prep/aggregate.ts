/**
 * The yearly sums of one flow, by customs département × CPF4 product × country and by
 * département × A129 group. Codes are interned to small integers and the cells keyed by one
 * number, which keeps the hot loop cheap and memory bounded by the number of distinct cells.
 */

const PRODUCT_BITS = 11;
const COUNTRY_BITS = 11;
const A129_BITS = 12;

export class CodeInterner {
  readonly codes: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(private readonly limit: number, private readonly what: string) {}

  intern(code: string): number {
    let id = this.index.get(code);
    if (id === undefined) {
      id = this.codes.length;
      if (id >= this.limit) throw new Error(`more than ${this.limit} distinct ${this.what} codes`);
      this.codes.push(code);
      this.index.set(code, id);
    }
    return id;
  }
}

/** Values of one geography: cells keyed by `product << COUNTRY_BITS | country`, activities by A129 id. */
export interface GeographySums {
  total: number;
  cells: Map<number, number>;
  activities: Map<number, number>;
}

export class FlowAggregate {
  readonly products = new CodeInterner(1 << PRODUCT_BITS, 'CPF4');
  readonly countries = new CodeInterner(1 << COUNTRY_BITS, 'country');
  readonly activityGroups = new CodeInterner(1 << A129_BITS, 'A129');
  /** Keyed by `département << (PRODUCT_BITS + COUNTRY_BITS) | product << COUNTRY_BITS | country`. */
  private readonly cells = new Map<number, number>();
  private readonly activities = new Map<number, number>();

  constructor(readonly departementCodes: readonly string[]) {}

  add(departement: number, a129: string, cpf4: string, country: string, value: number): void {
    const cell = (departement * (1 << PRODUCT_BITS) + this.products.intern(cpf4)) * (1 << COUNTRY_BITS) + this.countries.intern(country);
    this.cells.set(cell, (this.cells.get(cell) ?? 0) + value);
    const activity = departement * (1 << A129_BITS) + this.activityGroups.intern(a129);
    this.activities.set(activity, (this.activities.get(activity) ?? 0) + value);
  }

  /** The sums of each customs département, in the order of `departementCodes`, in one pass. */
  perDepartement(): GeographySums[] {
    const sums = this.departementCodes.map((): GeographySums => ({ total: 0, cells: new Map(), activities: new Map() }));
    const cellSpan = 1 << (PRODUCT_BITS + COUNTRY_BITS);
    for (const [key, value] of this.cells) {
      const target = sums[Math.floor(key / cellSpan)];
      target.cells.set(key % cellSpan, value);
      target.total += value;
    }
    const groupSpan = 1 << A129_BITS;
    for (const [key, value] of this.activities) {
      sums[Math.floor(key / groupSpan)].activities.set(key % groupSpan, value);
    }
    return sums;
  }

  productOf(cell: number): number {
    return Math.floor(cell / (1 << COUNTRY_BITS));
  }

  countryOf(cell: number): number {
    return cell % (1 << COUNTRY_BITS);
  }
}

/** The sums of a union of geographies (a région from its départements, France from everything). */
export function mergeSums(parts: readonly GeographySums[]): GeographySums {
  const merged: GeographySums = { total: 0, cells: new Map(), activities: new Map() };
  for (const part of parts) {
    merged.total += part.total;
    for (const [key, value] of part.cells) merged.cells.set(key, (merged.cells.get(key) ?? 0) + value);
    for (const [key, value] of part.activities) merged.activities.set(key, (merged.activities.get(key) ?? 0) + value);
  }
  if (!Number.isSafeInteger(merged.total)) throw new Error('a total exceeds the exactly representable integers');
  return merged;
}
