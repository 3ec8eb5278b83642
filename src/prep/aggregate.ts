/**
 * The yearly sums of one flow, by customs département × CPF4 product × country and by
 * département × A129 group. Codes are interned to small integers and the cells keyed by one
 * number, which keeps the hot loop cheap and memory bounded by the number of distinct cells.
 */

const PRODUCT_BITS = 11;
const COUNTRY_BITS = 11;
const A129_BITS = 12;
export const PRODUCT_LIMIT = 1 << PRODUCT_BITS;
export const COUNTRY_LIMIT = 1 << COUNTRY_BITS;
export const ACTIVITY_LIMIT = 1 << A129_BITS;

/** Codes of up to this many bytes are keyed by the number their bytes spell, without a string. */
const PACKED_BYTES = 6;
const utf8 = new TextDecoder('utf-8');

export class CodeInterner {
  readonly codes: string[] = [];
  private readonly index = new Map<string, number>();
  /** One- and two-byte codes (countries) by their bytes; −1 where not seen yet. */
  private readonly short = new Int32Array(1 << 16).fill(-1);
  private readonly packed = new Map<number, number>();
  /** The rows come sorted by product: most lines repeat the previous line's code. */
  private lastPacked = -1;
  private lastId = -1;

  constructor(private readonly limit: number, private readonly what: string) {}

  intern(code: string): number {
    let id = this.index.get(code);
    if (id === undefined) {
      id = this.codes.length;
      if (id >= this.limit) throw new CodeLimitError(`more than ${this.limit} distinct ${this.what} codes`);
      this.codes.push(code);
      this.index.set(code, id);
    }
    return id;
  }

  /** The id of the code written in bytes[from, to) (non-empty), interned on first sight. */
  internBytes(bytes: Uint8Array, from: number, to: number): number {
    const length = to - from;
    if (length <= 2) {
      const key = length === 1 ? bytes[from] : (bytes[from] << 8) | bytes[from + 1];
      const id = this.short[key];
      if (id >= 0) return id;
      return (this.short[key] = this.intern(utf8.decode(bytes.subarray(from, to))));
    }
    if (length > PACKED_BYTES) return this.intern(utf8.decode(bytes.subarray(from, to)));
    let key = 0;
    for (let i = from; i < to; i += 1) key = key * 256 + bytes[i];
    if (key === this.lastPacked) return this.lastId;
    let id = this.packed.get(key);
    if (id === undefined) {
      id = this.intern(utf8.decode(bytes.subarray(from, to)));
      this.packed.set(key, id);
    }
    this.lastPacked = key;
    this.lastId = id;
    return id;
  }
}

/** More distinct codes than the nomenclature has: the input is not what it claims to be. */
export class CodeLimitError extends Error {}

/** Sums by key as parallel arrays: the first `size` entries of `keys` and `values`. */
export interface KeyedSums {
  keys: Int32Array;
  values: Float64Array;
  size: number;
}

/** Values of one geography: cells keyed by `product << COUNTRY_BITS | country`, activities by A129 id. */
export interface GeographySums {
  total: number;
  cells: KeyedSums;
  activities: KeyedSums;
}

export class FlowAggregate {
  readonly products = new CodeInterner(1 << PRODUCT_BITS, 'CPF4');
  readonly countries = new CodeInterner(1 << COUNTRY_BITS, 'country');
  readonly activityGroups = new CodeInterner(1 << A129_BITS, 'A129');
  /**
   * Cells keyed by `département << (PRODUCT_BITS + COUNTRY_BITS) | product << COUNTRY_BITS | country`,
   * mapped to a slot of `cellValues`: the map holds small integers only, so adding a row allocates
   * nothing (a map of sums would box a new number at every addition).
   */
  private readonly cells = new Slots();
  /** Activities keyed by `département << A129_BITS | group`. */
  private readonly activities = new Slots();

  constructor(readonly departementCodes: readonly string[]) {}

  addIds(departement: number, activityGroup: number, product: number, country: number, value: number): void {
    this.cells.add((departement * PRODUCT_LIMIT + product) * COUNTRY_LIMIT + country, value);
    this.activities.add(departement * (1 << A129_BITS) + activityGroup, value);
  }

  /** The sums of each customs département, in the order of `departementCodes`. */
  perDepartement(): GeographySums[] {
    const cells = this.cells.split(PRODUCT_BITS + COUNTRY_BITS, this.departementCodes.length);
    const activities = this.activities.split(A129_BITS, this.departementCodes.length);
    return cells.map((departementCells, index) => {
      let total = 0;
      for (let i = 0; i < departementCells.size; i += 1) total += departementCells.values[i];
      return { total, cells: departementCells, activities: activities[index] };
    });
  }

  productOf(cell: number): number {
    return Math.floor(cell / (1 << COUNTRY_BITS));
  }

  countryOf(cell: number): number {
    return cell % (1 << COUNTRY_BITS);
  }
}

/**
 * Sums by integer key (below 2^31), in the order the keys were first seen. Open addressing over
 * typed arrays: a row's look-up allocates nothing and touches few cache lines, where a Map of
 * hundreds of thousands of keys was the single most expensive step of reading a flow. The last key
 * is remembered, since rows come sorted.
 */
class Slots {
  private shift = 32 - 12;
  /** Hash table: the slot of the key that sits there, −1 when empty. */
  private table = new Int32Array(1 << 12).fill(-1);
  private keys = new Int32Array(1 << 11);
  private values = new Float64Array(1 << 11);
  private size = 0;
  private lastKey = -1;
  private lastSlot = -1;

  add(key: number, value: number): void {
    if (key === this.lastKey) {
      this.values[this.lastSlot] += value;
      return;
    }
    // The files repeat each quarter's sequence of cells: a key seen before usually sits in the
    // slot after the previous row's, found without hashing.
    const next = this.lastSlot + 1;
    if (next < this.size && this.keys[next] === key) {
      this.lastKey = key;
      this.lastSlot = next;
      this.values[next] += value;
      return;
    }
    const table = this.table;
    const mask = table.length - 1;
    let at = Math.imul(key, 0x9e3779b1) >>> this.shift;
    let slot = table[at];
    while (slot !== -1 && this.keys[slot] !== key) {
      at = (at + 1) & mask;
      slot = table[at];
    }
    if (slot === -1) {
      slot = this.size;
      this.size += 1;
      if (slot === this.keys.length) this.growSlots();
      this.keys[slot] = key;
      table[at] = slot;
      if (this.size * 2 > table.length) this.growTable();
    }
    this.lastKey = key;
    this.lastSlot = slot;
    this.values[slot] += value;
  }

  /** The sums as arrays, in the order the keys were first seen. */
  toKeyed(): KeyedSums {
    return { keys: this.keys.slice(0, this.size), values: this.values.slice(0, this.size), size: this.size };
  }

  /**
   * The sums split by the key's bits above `lowBits` (a département), each part keyed by the low
   * bits, in the order the keys were first seen: two passes over the slots, no map.
   */
  split(lowBits: number, parts: number): KeyedSums[] {
    const span = 2 ** lowBits;
    const counts = new Int32Array(parts);
    for (let slot = 0; slot < this.size; slot += 1) counts[Math.floor(this.keys[slot] / span)] += 1;
    const split = Array.from(counts, (count): KeyedSums => ({ keys: new Int32Array(count), values: new Float64Array(count), size: 0 }));
    for (let slot = 0; slot < this.size; slot += 1) {
      const key = this.keys[slot];
      const part = split[Math.floor(key / span)];
      part.keys[part.size] = key % span;
      part.values[part.size] = this.values[slot];
      part.size += 1;
    }
    return split;
  }

  private growSlots(): void {
    const keys = new Int32Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const values = new Float64Array(this.values.length * 2);
    values.set(this.values);
    this.values = values;
  }

  private growTable(): void {
    this.shift -= 1;
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let slot = 0; slot < this.size; slot += 1) {
      let at = Math.imul(this.keys[slot], 0x9e3779b1) >>> this.shift;
      while (table[at] !== -1) at = (at + 1) & mask;
      table[at] = slot;
    }
    this.table = table;
  }
}

/** The sums of a union of geographies (a région from its départements, France from everything). */
export function mergeSums(parts: readonly GeographySums[]): GeographySums {
  const cells = new Slots();
  const activities = new Slots();
  let total = 0;
  for (const part of parts) {
    total += part.total;
    for (let i = 0; i < part.cells.size; i += 1) cells.add(part.cells.keys[i], part.cells.values[i]);
    for (let i = 0; i < part.activities.size; i += 1) activities.add(part.activities.keys[i], part.activities.values[i]);
  }
  if (!Number.isSafeInteger(total)) throw new Error('a total exceeds the exactly representable integers');
  return { total, cells: cells.toKeyed(), activities: activities.toKeyed() };
}
