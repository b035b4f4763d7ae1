import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { DB } from '../db/schema.generated.js'
import { Scope, scopeOf, whereInScope } from './scope.js'
import type { SessionUser } from './session-user.js'

const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

function user(over: Partial<SessionUser>): SessionUser {
  return {
    id: '1',
    username: 'u',
    displayName: 'U',
    role: 'epidemiologist',
    regionCode: '110105',
    personId: null,
    sessionId: 's',
    ...over,
  }
}

describe('Scope', () => {
  it('cannot be built from a plain object, only by scopeOf', () => {
    const fake = {
      kind: 'region' as const,
      regionCode: '',
      personId: null,
      prefix: '',
      covers: () => true,
      assert: () => undefined,
      coversPerson: () => true,
    }
    // @ts-expect-error a look-alike object is not a Scope (the class has a private field)
    const forged: Scope = fake // eslint-disable-line @typescript-eslint/no-unsafe-class-instance-assignment -- the point
    expect(forged).not.toBeInstanceOf(Scope)
    // @ts-expect-error the constructor is private: scopeOf is the way in
    const construct = (): Scope => new Scope('region', '', null) // eslint-disable-line @typescript-eslint/no-unsafe-return -- the point
    expect(construct).toBeTypeOf('function')
    expect(scopeOf(user({}))).toBeInstanceOf(Scope)
  })

  it('a region scope covers its subtree and asserts OUT_OF_SCOPE elsewhere', () => {
    const s = scopeOf(user({ regionCode: '110105' }))
    expect(s.kind).toBe('region')
    expect(s.covers('110105')).toBe(true)
    expect(s.covers('110105001')).toBe(true)
    expect(s.covers('110106')).toBe(false)
    expect(() => {
      s.assert('110106', 'person 7')
    }).toThrow(expect.objectContaining({ code: 'OUT_OF_SCOPE' }))
    expect(() => {
      s.assert('110105001', 'person 7')
    }).not.toThrow()
  })

  it("a citizen's scope is their own person and covers no region", () => {
    const s = scopeOf(user({ role: 'citizen', regionCode: '110105001', personId: '42' }))
    expect(s.kind).toBe('person')
    expect(s.covers('110105001')).toBe(false)
    expect(s.coversPerson('42', '110105001')).toBe(true)
    expect(s.coversPerson('43', '110105001')).toBe(false)
    expect(() => {
      s.assert('110105001', 'venue 1')
    }).toThrow(expect.objectContaining({ code: 'OUT_OF_SCOPE' }))
  })

  it('whereInScope compiles a region scope to a LIKE on the region column (escaped)', () => {
    const q = whereInScope(
      db.selectFrom('persons as p').select('p.id'),
      'p.region_code',
      scopeOf(user({})),
      'p.id',
    )
    const c = q.compile()
    expect(c.sql).toBe('select "p"."id" from "persons" as "p" where "p"."region_code" like $1')
    expect(c.parameters).toEqual(['110105%'])
  })

  it('whereInScope compiles a person scope to the person column, and to false without one', () => {
    const citizen = scopeOf(user({ role: 'citizen', personId: '42' }))
    const own = whereInScope(
      db.selectFrom('appeals as a').select('a.id'),
      'a.region_code',
      citizen,
      'a.person_id',
    )
    expect(own.compile().sql).toBe('select "a"."id" from "appeals" as "a" where "a"."person_id" = $1')
    expect(own.compile().parameters).toEqual(['42'])
    const none = whereInScope(db.selectFrom('venues as v').select('v.id'), 'v.region_code', citizen)
    expect(none.compile().sql).toBe('select "v"."id" from "venues" as "v" where false')
    expect(none.compile().parameters).toEqual([])
  })
})
