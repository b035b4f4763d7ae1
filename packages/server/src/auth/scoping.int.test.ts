import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '@lianfang/core'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../testing/test-app.js'

/**
 * Scoping, table-driven: every person route × who asks × whose record. New routes that read
 * or change personal data join ROUTES; the expectations follow from region subtrees.
 */
interface Fixture {
  a: { id: string; version: number } // person in community A (district X)
  b: { id: string; version: number } // person in community B (district X, other street)
  y: { id: string; version: number } // person in district Y
  householdA: string
}

type RouteCase = {
  name: string
  /** Which fixture person the request targets. */
  request: (
    f: Fixture,
    target: 'a' | 'b' | 'y',
  ) => { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object }
  permission: 'read' | 'write' | 'unmask'
}

const ROUTES: RouteCase[] = [
  {
    name: 'GET /api/persons/:id',
    permission: 'read',
    request: (f, t) => ({ method: 'GET', url: `/api/persons/${f[t].id}` }),
  },
  {
    name: 'PATCH /api/persons/:id',
    permission: 'write',
    request: (f, t) => ({
      method: 'PATCH',
      url: `/api/persons/${f[t].id}`,
      payload: { version: f[t].version, address: 'x' },
    }),
  },
  {
    name: 'POST /api/persons/:id/unmask',
    permission: 'unmask',
    request: (f, t) => ({
      method: 'POST',
      url: `/api/persons/${f[t].id}/unmask`,
      payload: { reason: 'scoping test' },
    }),
  },
]

describe.each(TEST_DATABASES)('region and role scoping on %s', (kind) => {
  let t: TestApp
  let x: TestRegions
  let y: TestRegions
  let f: Fixture
  const cookies = new Map<string, string>()

  beforeAll(async () => {
    t = await createTestApp(kind)
    x = await t.makeRegions()
    y = await t.makeRegions()
    const h = await t.services.database.db
      .insertInto('households')
      .values({ region_code: x.communities[0], address: '1-101' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const a = await t.createPerson(x.communities[0], { householdId: h.id })
    const b = await t.createPerson(x.communities[2])
    const yp = await t.createPerson(y.communities[0])
    f = {
      a: { id: a.id, version: 1 },
      b: { id: b.id, version: 1 },
      y: { id: yp.id, version: 1 },
      householdA: h.id,
    }
    const users: [string, Role, string][] = [
      ['cw_A', 'community_worker', x.communities[0]],
      ['epi_X', 'epidemiologist', x.district],
      ['epi_Y', 'epidemiologist', y.district],
      ['admin_city', 'admin', '420100'],
      ['checkpoint_A', 'checkpoint', x.communities[0]],
      ['lab_city', 'lab', '420100'],
      ['citizen_A', 'citizen', x.communities[0]],
    ]
    for (const [key, role, region] of users) cookies.set(key, await t.login(role, region))
  })
  afterAll(async () => t.close())

  // who → which targets are visible; permission per role comes from core's role table
  const VISIBLE: Record<string, readonly ('a' | 'b' | 'y')[]> = {
    cw_A: ['a'],
    epi_X: ['a', 'b'],
    epi_Y: ['y'],
    admin_city: ['a', 'b', 'y'],
    checkpoint_A: [],
    lab_city: [],
    citizen_A: [],
  }
  const MAY: Record<string, readonly RouteCase['permission'][]> = {
    cw_A: ['read', 'write'],
    epi_X: ['read', 'write', 'unmask'],
    epi_Y: ['read', 'write', 'unmask'],
    admin_city: ['read', 'write', 'unmask'],
    checkpoint_A: [],
    lab_city: [],
    citizen_A: [],
  }

  const cases = ROUTES.flatMap((route) =>
    Object.keys(VISIBLE).flatMap((who) =>
      (['a', 'b', 'y'] as const).map((target) => ({ route, who, target })),
    ),
  )

  it.each(cases)('$route.name as $who on person $target', async ({ route, who, target }) => {
    const req = route.request(f, target)
    const res = await t.app.inject({ ...req, headers: { cookie: cookies.get(who) ?? '' } })
    const allowed = (MAY[who] ?? []).includes(route.permission) && (VISIBLE[who] ?? []).includes(target)
    if (allowed) {
      expect(res.statusCode, res.body).toBeLessThan(300)
      if (route.permission === 'write') f[target].version++
    } else {
      expect([403, 404], res.body).toContain(res.statusCode)
      expect(JSON.stringify(res.json())).not.toMatch(/\d{17}[\dX]/)
    }
  })

  it.each(Object.keys(VISIBLE))('search as %s returns only persons in scope', async (who) => {
    const res = await t.app.inject({
      url: '/api/persons?pageSize=200',
      headers: { cookie: cookies.get(who) ?? '' },
    })
    if (!(MAY[who] ?? []).includes('read')) {
      expect(res.statusCode).toBe(403)
      return
    }
    const ids = res.json<{ items: { id: string }[] }>().items.map((p) => p.id)
    for (const target of ['a', 'b', 'y'] as const) {
      expect(ids.includes(f[target].id), `${who} sees ${target}`).toBe((VISIBLE[who] ?? []).includes(target))
    }
  })

  it('searching another region explicitly is refused', async () => {
    const res = await t.app.inject({
      url: `/api/persons?regionCode=${y.district}`,
      headers: { cookie: cookies.get('epi_X') ?? '' },
    })
    expect(res.statusCode).toBe(403)
  })

  it('household of another community is out of scope', async () => {
    const res = await t.app.inject({
      url: `/api/households/${f.householdA}`,
      headers: { cookie: cookies.get('epi_Y') ?? '' },
    })
    expect(res.statusCode).toBe(403)
    const ok = await t.app.inject({
      url: `/api/households/${f.householdA}`,
      headers: { cookie: cookies.get('cw_A') ?? '' },
    })
    expect(ok.statusCode).toBe(200)
  })

  it('a community worker cannot register a person elsewhere', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: { cookie: cookies.get('cw_A') ?? '' },
      payload: { name: '外人', idType: 'passport', idNumber: 'P7654321', regionCode: x.communities[1] },
    })
    expect(res.statusCode).toBe(403)
    expect(res.json<{ error: { code: string } }>().error.code).toBe('OUT_OF_SCOPE')
  })

  it('region tree is scoped', async () => {
    const mine = await t.app.inject({
      url: '/api/regions/tree',
      headers: { cookie: cookies.get('epi_X') ?? '' },
    })
    expect(mine.statusCode).toBe(200)
    const tree = mine.json<{ code: string; children: { children: unknown[] }[] }>()
    expect(tree.code).toBe(x.district)
    expect(tree.children).toHaveLength(2)
    expect(tree.children[0]?.children).toHaveLength(2)
    const other = await t.app.inject({
      url: `/api/regions/tree?root=${y.district}`,
      headers: { cookie: cookies.get('epi_X') ?? '' },
    })
    expect(other.statusCode).toBe(403)
  })

  it('unauthenticated requests get 401', async () => {
    for (const route of ROUTES) {
      const res = await t.app.inject(route.request(f, 'a'))
      expect(res.statusCode).toBe(401)
    }
  })
})
