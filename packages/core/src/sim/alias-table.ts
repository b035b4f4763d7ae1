import type { Rng } from './prng.js'

/**
 * Walker's alias method (Vose's construction): O(1) weighted sampling after O(n) set-up.
 * Visits to venues are drawn in proportion to their capacity millions of times per second,
 * so a binary search over cumulative weights would be the hot spot.
 */
export class AliasTable {
  private readonly prob: Float64Array
  private readonly alias: Int32Array
  /** The values sampled (index i is returned as values[i]). */
  readonly values: Int32Array

  constructor(values: ArrayLike<number>, weights: ArrayLike<number>) {
    const n = weights.length
    if (n === 0 || values.length !== n)
      throw new RangeError('alias table needs as many values as weights, n > 0')
    let total = 0
    for (let i = 0; i < n; i++) {
      const w = weights[i] ?? 0
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError('weights must be finite and non-negative')
      total += w
    }
    if (total <= 0) throw new RangeError('weights must not all be zero')
    this.values = Int32Array.from(values)
    this.prob = new Float64Array(n)
    this.alias = new Int32Array(n)
    const scaled = new Float64Array(n)
    const small: number[] = []
    const large: number[] = []
    for (let i = 0; i < n; i++) {
      const s = ((weights[i] ?? 0) * n) / total
      scaled[i] = s
      if (s < 1) small.push(i)
      else large.push(i)
    }
    for (;;) {
      const s = small.pop()
      const l = large.pop()
      if (s === undefined || l === undefined) {
        if (s !== undefined) this.prob[s] = 1
        if (l !== undefined) this.prob[l] = 1
        if (s === undefined && l === undefined) break
        continue
      }
      this.prob[s] = scaled[s] ?? 0
      this.alias[s] = l
      const rest = (scaled[l] ?? 0) + (scaled[s] ?? 0) - 1
      scaled[l] = rest
      if (rest < 1) small.push(l)
      else large.push(l)
    }
  }

  get size(): number {
    return this.prob.length
  }

  /** One value, drawn with probability proportional to its weight. */
  sample(rng: Rng): number {
    const u = rng.float() * this.prob.length
    const i = Math.floor(u)
    const pick = u - i < (this.prob[i] ?? 1) ? i : (this.alias[i] ?? i)
    return this.values[pick] ?? 0
  }
}
