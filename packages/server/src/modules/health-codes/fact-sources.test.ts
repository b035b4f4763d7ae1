import { describe, expect, it } from 'vitest'
import type { Executor } from '../../db/kit.js'
import { FactSources, type FactSource } from './fact-sources.js'

const db = {} as Executor
const at = new Date('2026-12-01T00:00:00Z')

describe('fact sources (#15: each domain loads its own facts)', () => {
  it('assembles every source, then enriches: trips are graded after all are loaded', async () => {
    const order: string[] = []
    const trips: FactSource = {
      name: 'trips',
      load: async (_db, ids, facts) => {
        order.push('load trips')
        for (const id of ids)
          facts.get(id).trips.push({
            regionCode: '420106',
            regionName: 'x',
            arrivedAt: at,
            leftAt: at,
            riskLevel: 'low',
          })
      },
    }
    const grade: FactSource = {
      name: 'grade',
      enrich: async (_db, _ids, facts) => {
        order.push('enrich')
        for (const t of facts.allTrips()) t.riskLevel = 'high'
      },
    }
    const tests: FactSource = {
      name: 'tests',
      load: async (_db, ids, facts) => {
        order.push('load tests')
        for (const id of ids) facts.get(id).tests.push({ sampledAt: at, result: 'negative', pooled: false })
      },
    }
    const sources = new FactSources()
    sources.register(grade)
    sources.register(trips)
    sources.register(tests)
    const facts = await sources.load(db, ['1', '2'])
    expect(order.at(-1)).toBe('enrich')
    expect(facts.get('1')?.trips).toEqual([
      { regionCode: '420106', regionName: 'x', leftAt: at, riskLevel: 'high' },
    ])
    expect(facts.get('2')?.tests).toHaveLength(1)
    expect(facts.get('2')?.cases).toEqual([])
    expect(await sources.load(db, [])).toEqual(new Map())
  })

  it('refuses a source registered twice and finds the owner of a correction', () => {
    const sources = new FactSources()
    const q: FactSource = { name: 'quarantine', corrections: ['release_quarantine'] }
    sources.register(q)
    expect(() => {
      sources.register({ name: 'quarantine' })
    }).toThrow(/registered twice/)
    expect(sources.correctorOf('release_quarantine')).toBe(q)
    expect(sources.correctorOf('void_everything')).toBeUndefined()
    expect(sources.hasFacts()).toHaveLength(1) // none declared: a false condition, not an empty OR
  })
})
