/**
 * Seeded randomness for the demo data. The generator must give byte-identical output for the same seed
 * and day, so nothing here touches `Math.random` or the clock.
 */

/**
 * mulberry32: a tiny 32-bit PRNG, plenty for synthetic data (not for anything secret). Returns numbers
 * in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Convenience draws over one seeded stream. */
export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A number in [0, 1). */
  float(): number {
    return this.next();
  }

  /** A whole number in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) return min;
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }
}

/**
 * A "bag" draw: every token of a weighted list is drawn once, in shuffled order, before the bag is
 * refilled. It looks random but guarantees coverage: after `tokens.length` draws every value has appeared,
 * which is how the demo data promises every enum value and every rule at a modest size.
 */
export class Bag<T> {
  private queue: T[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly tokens: readonly T[],
  ) {
    if (tokens.length === 0) throw new RangeError('a bag needs at least one token');
  }

  draw(): T {
    if (this.queue.length === 0) this.queue = this.rng.shuffle(this.tokens);
    return this.queue.pop() as T;
  }
}

/** Expands `[value, weight]` pairs into bag tokens. */
export function weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T[] {
  const out: T[] = [];
  for (const [value, weight] of pairs) for (let i = 0; i < weight; i++) out.push(value);
  return out;
}
