/**
 * Deterministic pseudo-random numbers for the synthetic population. sfc32 (Chris Doty-Humphrey's
 * "Small Fast Counting" generator, from PractRand) passes PractRand and BigCrush, needs only
 * 32-bit integer operations and is one of the fastest generators in JavaScript.
 *
 * Every random decision is drawn from a stream keyed by (seed, entity, salt), not from one
 * global sequence, so a person's day does not depend on the order in which people or days are
 * generated: the output is reproducible and the generator can stream in any order.
 */

/** MurmurHash3's 32-bit finaliser: a fast bijective mix of all input bits. */
export function mix32(x: number): number {
  let h = x | 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Folds a non-negative safe integer seed into a 32-bit key. */
export function seedKey(seed: number): number {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative safe integer`)
  const lo = seed >>> 0
  const hi = Math.floor(seed / 4294967296) >>> 0
  return mix32(lo ^ mix32(hi + 0x9e3779b9))
}

/** sfc32 with helpers for the draws the simulation needs. */
export class Rng {
  private a = 0
  private b = 0
  private c = 0
  private d = 1

  constructor(key: number, stream = 0, salt = 0) {
    this.reseed(key, stream, salt)
  }

  /** Re-keys this generator in place (cheap: used once per person-day in the hot loop). */
  reseed(key: number, stream: number, salt: number): this {
    const h = mix32(key ^ mix32(stream + Math.imul(salt, 0x9e3779b1)))
    this.a = mix32(h ^ 0x243f6a88)
    this.b = mix32(h ^ 0x85a308d3)
    this.c = mix32(h ^ 0x13198a2e)
    this.d = 1
    for (let i = 0; i < 6; i++) this.u32()
    return this
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n)
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1))
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p
  }

  /** A bell-shaped draw in [lo, hi] (mean of three uniforms): times of day cluster around a mode. */
  bell(lo: number, hi: number): number {
    return lo + ((this.float() + this.float() + this.float()) / 3) * (hi - lo)
  }

  /** Pareto(xm, alpha): the heavy-tailed sizes of venues and employers. */
  pareto(xm: number, alpha: number): number {
    return xm / Math.pow(1 - this.float(), 1 / alpha)
  }

  /** An element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)]
    if (item === undefined) throw new RangeError('pick from an empty array')
    return item
  }
}
