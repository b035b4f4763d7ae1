import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { can, ROLES, type Role } from '@lianfang/core'
import {
  pathOf,
  pathParamNames,
  ROUTE_CONTRACTS,
  routeKey,
  successStatus,
  type RouteContract,
} from '@lianfang/contracts'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../testing/test-app.js'
import { operationsOf, sample, type Schema } from '../testing/openapi-walk.js'
import { ALSO_FILLED, fieldValues, seedCity, type SeededCity } from '../testing/seed-city.js'
import { accessName } from '../auth/guard.js'

/**
 * Route contracts (#15): every contract of `@lianfang/contracts` is registered by the app as
 * declared (method, path, access, its successful answer), and every contract naming a record
 * by `:id` refuses a user of another city (Huangshi) who holds the route's permission, while
 * the same request by Wuhan's user succeeds — generated from the contracts, so a new contract
 * is covered without a new row.
 */

const WUHAN = '420100'
const OTHER = '420200'
const OTHER_DISTRICT = '420202'

/** The role that calls a route in these tests: the first of the catalogue holding its permission. */
function callerOf(contract: RouteContract): Role {
  const access = contract.access
  const role = ROLES.find((r) => !('permission' in access) || can(r, access.permission))
  if (!role) throw new Error(`${routeKey(contract)}: no role holds its permission`)
  return role
}

/** Refusals of a write that come only once the record was found (and seen). */
const REACHED_REFUSALS = new Set(['STALE_VERSION', 'TRANSITION_NOT_ALLOWED', 'DISCHARGE_CRITERIA_NOT_MET'])

/**
 * Routes whose path parameter names no record of a region, so there is no Wuhan record for
 * another city's user to try (their refusals are tested in their module).
 */
const NO_REGION_RECORD: Readonly<Record<string, string>> = {
  'POST /api/imports/:kind/preview': 'an import kind, a name of the catalogue; the file is checked per row',
  'POST /api/imports/:previewId/confirm':
    "the caller's own preview, kept per user: anyone else's is 404 (imports.int.test.ts)",
  'GET /api/me/sampling-sites/:id/slots':
    "a citizen's booking page (the test makes no citizen of another city): only open sites of the citizen's city are found",
  'GET /api/lab/shipments/:id':
    "a lab's own shipments: a lab account sees only its lab's (membership, not region); another lab's or none is 404 (tubes.int.test.ts)",
  'POST /api/me/bookings/:id/cancel':
    "the citizen's own booking: anyone else's is 404 (sampling.int.test.ts)",
}

/** `/api/followups/:id` → `/api/followups/{id}` (the OpenAPI document's spelling). */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}')

describe.each(TEST_DATABASES)('route contracts on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let seed: SeededCity

  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    await t.services.regionsRepo.insertMissing([
      { code: OTHER, parentCode: '420000', level: 'city', name: '黄石市' },
      { code: OTHER_DISTRICT, parentCode: OTHER, level: 'district', name: '黄石港区' },
    ])
    seed = await seedCity(t, r, await t.login('admin', WUHAN), '武汉')
  }, 120_000)
  afterAll(async () => t.close())

  it('registers every contract with its method, path, access and successful answer', () => {
    const ops = new Map(operationsOf(t.app).map((op) => [op.key, op]))
    expect(ROUTE_CONTRACTS.length).toBeGreaterThan(10)
    for (const contract of ROUTE_CONTRACTS) {
      const key = `${contract.method} ${openApiPath(contract.path)}`
      const op = ops.get(key)
      expect(op, `${key} is not registered`).toBeDefined()
      expect(op?.access, key).toBe(accessName(contract.access))
      expect(t.app.hasRoute({ method: contract.method, url: contract.path }), key).toBe(true)
      const schema = t.app.swagger() as { paths: Record<string, Record<string, { responses?: object }>> }
      const responses = schema.paths[openApiPath(contract.path)]?.[contract.method.toLowerCase()]?.responses
      expect(Object.keys(responses ?? {}), key).toContain(String(successStatus(contract)))
    }
  })

  const byId = ROUTE_CONTRACTS.filter((c) => /:\w+/.test(c.path) && !(routeKey(c) in NO_REGION_RECORD))

  it.each(byId.map((c) => [routeKey(c), c] as const))(
    '%s: another city’s user is refused a Wuhan record; Wuhan’s own user is answered',
    async (key, contract) => {
      const collection = contract.path.split('/')[2] ?? ''
      const id = seed.ids[collection]
      if (id === undefined) throw new Error(`${key}: nothing seeded for /api/${collection}/:id`)
      // Every path parameter names the seeded record of the route's collection (`:id`, `:code`).
      const params = Object.fromEntries(pathParamNames(contract.path).map((name) => [name, id]))
      const fill = fieldValues(seed, r)
      const body = contract.body
        ? sample(contract.body as Schema, fill, { optional: (k) => ALSO_FILLED.has(k) })
        : undefined
      // A paged list gets a page; a query without `page` (an investigation's buffer) is left to its defaults.
      const paged = (contract.query as Schema | undefined)?.properties?.['page'] !== undefined
      const query = paged ? '?page=1' : ''
      const url = `${pathOf(contract, params)}${query}`
      const role = callerOf(contract)
      const request = async (cookie: string) =>
        t.app.inject({
          method: contract.method,
          url,
          headers: { cookie },
          ...(body === undefined ? {} : { payload: body as object }),
        })

      const other = await request(await t.login(role, OTHER))
      expect([403, 404], `${key} as Huangshi's ${role}: ${other.body}`).toContain(other.statusCode)
      const own = await request(await t.login(role, WUHAN))
      // A write may find the record changed by an earlier one here (a recorded follow-up is at
      // version 2), or refuse the sampled change by a rule of the domain (a confirmed case does not
      // become suspected, nor is it discharged without its negative tests): that refusal also
      // proves the route reached Wuhan's record.
      const refused =
        own.statusCode === 409 && REACHED_REFUSALS.has(own.json<{ error: { code: string } }>().error.code)
      if (!refused)
        expect(own.statusCode, `${key} as Wuhan's ${role}: ${own.body}`).toBe(successStatus(contract))
    },
  )
})
