/**
 * Finds rows whose key was seen before. The customs files come sorted by their key columns: while
 * each line's key text is greater than the previous one's, no key can repeat and the rows are only
 * appended to a list (sequential writes, no look-up); equal neighbours are compared directly. At
 * the first line out of order the list becomes a hash table and every later row is looked up.
 */
export class SeenRows {
  private previous = new Uint8Array(256);
  private previousLength = 0;
  private previousPrefix = -1;
  /** Where the last key field starts in `previous`. */
  private previousLastFrom = 0;
  private previousLine = 0;
  private previousValue = 0;
  private previousMass = 0;
  /** The rows so far, in blocks that are never copied: a sorted file is only appended to. */
  private history: Float64Array[] = [];
  /** Where the next row goes in the last block. */
  private historyAt = HISTORY_BLOCK;
  private historyLength = 0;
  private table: RowKeyTable | null = null;
  private same = false;

  constructor(private readonly expectedRows = 1 << 15) {
  }

  /**
   * Records a row: its key text is bytes[from, to), its last field starting at `lastFrom`, its key
   * the same as a number. `prefix` is a number equal for two rows only when their key texts are
   * equal up to the last field: then only that field is compared (most rows differ from the
   * previous one in the country alone). Returns 0 for a new key, else the first line that had it;
   * then `sameFigures` tells whether the figures match.
   */
  add(bytes: Uint8Array, from: number, lastFrom: number, to: number, prefix: number, key: number, line: number, value: number, mass: number): number {
    if (this.table !== null) {
      const earlier = this.table.addOrFind(key, line, value, mass);
      this.same = earlier > 0 && this.table.sameFigures(value, mass);
      return earlier;
    }
    let order: number;
    if (prefix === this.previousPrefix) {
      order = this.compareAndKeep(bytes, lastFrom, to, this.previousLastFrom);
    } else {
      order = this.compareAndKeep(bytes, from, to, 0);
      this.previousPrefix = prefix;
      this.previousLastFrom = lastFrom - from;
    }
    if (order === 0) {
      this.same = value === this.previousValue && mass === this.previousMass;
      return this.previousLine;
    }
    if (order < 0) {
      this.table = new RowKeyTable(Math.max(this.expectedRows, this.historyLength * 2));
      this.history.forEach((h, index) => {
        const filled = index === this.history.length - 1 ? this.historyAt : HISTORY_BLOCK;
        for (let at = 0; at < filled; at += STRIDE) this.table!.addOrFind(h[at + KEY], h[at + LINE], h[at + VALUE], h[at + MASS]);
      });
      this.history = [];
      return this.add(bytes, from, lastFrom, to, prefix, key, line, value, mass);
    }
    this.previousLine = line;
    this.previousValue = value;
    this.previousMass = mass;
    if (this.historyAt === HISTORY_BLOCK) {
      this.history.push(new Float64Array(HISTORY_BLOCK));
      this.historyAt = 0;
    }
    const block = this.history[this.history.length - 1];
    const at = this.historyAt;
    block[at + KEY] = key;
    block[at + LINE] = line;
    block[at + VALUE] = value;
    block[at + MASS] = mass;
    this.historyAt = at + STRIDE;
    this.historyLength += 1;
    return 0;
  }

  sameFigures(): boolean {
    return this.same;
  }

  /**
   * Byte order of bytes[from, to) against the previous key text from `offset` on (−1, 0, 1); keeps
   * it there, after the previous text's first `offset` bytes, as the new previous.
   */
  private compareAndKeep(bytes: Uint8Array, from: number, to: number, offset: number): number {
    const length = to - from;
    const previous = this.previous;
    const previousLength = this.previousLength - offset;
    const common = Math.min(length, previousLength);
    let i = 0;
    while (i < common && bytes[from + i] === previous[offset + i]) i += 1;
    const order = i < common ? (bytes[from + i] > previous[offset + i] ? 1 : -1) : length === previousLength ? 0 : length > previousLength ? 1 : -1;
    if (order === 0) return 0;
    if (offset + length > previous.length) {
      this.previous = new Uint8Array((offset + length) * 2);
      this.previous.set(previous.subarray(0, offset + i));
    }
    const keep = this.previous;
    for (let j = i; j < length; j += 1) keep[offset + j] = bytes[from + j];
    this.previousLength = offset + length;
    return order;
  }
}

/**
 * The rows already read, by key (quarter, département, A129, CPF4 and country ids as one integer
 * below 2^53), with the line and the figures of the first one: enough to tell a repeated line from
 * a row that repeats a key with other figures, without keeping any line. Open addressing in one
 * typed array, a slot's four numbers side by side, so that a look-up touches one cache line.
 */
const STRIDE = 4;
/** 2^16 rows of four numbers: 2 MiB. */
const HISTORY_BLOCK = (1 << 16) * STRIDE;
const KEY = 0;
const LINE = 1;
const VALUE = 2;
const MASS = 3;
const MAX_LOAD = 0.7;
const TWO_32 = 2 ** 32;

export class RowKeyTable {
  private capacity: number;
  /** Fibonacci hashing: the top bits of a product by 2^32/φ spread keys that differ in any bit. */
  private shift: number;
  /** Per slot: key, line of the first row with it (0 marks an empty slot: lines start at 1), value, mass. */
  private slots: Float64Array;
  private size = 0;
  /** Slot found by the last addOrFind, read by sameFigures. */
  private found = 0;

  /** Sized for about this many rows, so that a whole file is read without growing the table. */
  constructor(expectedRows = 1 << 15) {
    let bits = 16;
    while ((1 << bits) * MAX_LOAD < expectedRows && bits < 30) bits += 1;
    this.capacity = 1 << bits;
    this.shift = 32 - bits;
    this.slots = new Float64Array(this.capacity * STRIDE);
  }

  /** Records the row if its key is new and returns 0; else returns the first line with that key. */
  addOrFind(key: number, line: number, value: number, mass: number): number {
    let at = this.slotOf(key);
    const earlier = this.slots[at + LINE];
    if (earlier !== 0) {
      this.found = at;
      return earlier;
    }
    if (this.size + 1 > this.capacity * MAX_LOAD) {
      this.grow();
      at = this.slotOf(key);
    }
    const slots = this.slots;
    slots[at + KEY] = key;
    slots[at + LINE] = line;
    slots[at + VALUE] = value;
    slots[at + MASS] = mass;
    this.size += 1;
    return 0;
  }

  /** Whether the row that addOrFind just matched had these figures too. */
  sameFigures(value: number, mass: number): boolean {
    return this.slots[this.found + VALUE] === value && this.slots[this.found + MASS] === mass;
  }

  private slotOf(key: number): number {
    const slots = this.slots;
    const mask = this.capacity - 1;
    const mixed = (key >>> 0) ^ Math.imul((key / TWO_32) | 0, 0x85ebca6b);
    let slot = Math.imul(mixed, 0x9e3779b1) >>> this.shift;
    while (slots[slot * STRIDE + LINE] !== 0 && slots[slot * STRIDE + KEY] !== key) slot = (slot + 1) & mask;
    return slot * STRIDE;
  }

  private grow(): void {
    const old = this.slots;
    this.capacity *= 2;
    this.shift -= 1;
    this.slots = new Float64Array(this.capacity * STRIDE);
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + LINE] === 0) continue;
      const to = this.slotOf(old[at + KEY]);
      this.slots.set(old.subarray(at, at + STRIDE), to);
    }
  }
}
