/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32), shared by the
 * schedule (poisson arrivals, wave noise), the request templates and the scaling model, so that a
 * run with `--seed N` is reproducible. Not for cryptography.
 */

/** A deterministic stream of numbers; every call advances the stream. Not thread-safe: one a user. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform unsigned 32-bit integer in [0, 2^32). */
  uint32(): number;
  /** Uniform integer in [min, max], both inclusive; `min > max` swaps them. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  /** Exponential with mean 1 (multiply by a mean to scale it); always > 0. */
  exponential(): number;
  /** Normal (Box-Muller, one draw a call) with the given mean and standard deviation. */
  normal(mean?: number, sd?: number): number;
  /** True with probability `p` (0 to 1). */
  chance(p: number): boolean;
  /** One element of a non-empty array, uniformly; throws RangeError on an empty one. */
  pick<T>(items: readonly T[]): T;
}

const TWO_POW_32 = 4294967296;

/** Folds any finite number (negative, fractional, above 2^32) into a 32-bit seed. */
export function seedToUint32(seed: number): number {
  const whole = Number.isFinite(seed) ? Math.floor(Math.abs(seed)) : 0;
  const low = whole % TWO_POW_32;
  const high = Math.floor(whole / TWO_POW_32) % TWO_POW_32;
  return (low ^ Math.imul(high, 0x9e3779b1) ^ (seed < 0 ? 0x5bd1e995 : 0)) >>> 0;
}

/** splitmix32: one well-mixed 32-bit value from a 32-bit state; pure, used for seeding and hashing. */
export function mix32(value: number): number {
  let z = (value + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Creates a generator for `seed` (any finite number; equal seeds give equal streams on every
 * platform). Pure apart from the returned object's own state.
 */
export function createRandom(seed: number): SeededRandom {
  const s = seedToUint32(seed);
  let a = mix32(s);
  let b = mix32(a ^ 0x6a09e667);
  let c = mix32(b ^ 0xbb67ae85);
  let d = 1;
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up: sfc32's first outputs are correlated with the seed.
  for (let i = 0; i < 12; i++) uint32();
  const next = (): number => uint32() / TWO_POW_32;
  return {
    next,
    uint32,
    int(min, max) {
      const lo = Math.ceil(Math.min(min, max));
      const hi = Math.floor(Math.max(min, max));
      return lo + Math.floor(next() * (hi - lo + 1));
    },
    float: (min, max) => min + next() * (max - min),
    exponential: () => -Math.log(1 - next()) || Number.MIN_VALUE,
    normal(mean = 0, sd = 1) {
      const u = 1 - next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick: empty array');
      return items[Math.floor(next() * items.length)];
    },
  };
}
