import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../testing/test-app.js'

/** Bad input gets a 4xx that names the problem — never a 500 — and leaves no rows behind. */
describe.each(TEST_DATABASES)('bad input on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let admin: string
  beforeAll(async () => {
    t = await createTestApp(kind, { BODY_LIMIT_BYTES: '4096' })
    r = await t.makeRegions()
    admin = await t.login('admin', '420100')
  })
  afterAll(async () => t.close())

  const personCount = async () =>
    Number(
      (
        await t.services.database.db
          .selectFrom('persons')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const valid = () => ({
    name: '张三',
    idType: 'passport',
    idNumber: 'G1234567',
    regionCode: r.communities[0],
  })
  const post = (payload: string | object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: { cookie: admin, 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    })
  const error = (res: { json: () => unknown }) =>
    (res.json() as { error: { code: string; message: string } }).error

  type Case = [string, (v: ReturnType<typeof valid>) => string | object, number, string, RegExp]
  const CASES: Case[] = [
    ['malformed JSON', () => '{"name": "张三", ', 400, 'BAD_JSON', /JSON/i],
    ['wrong type', (v) => ({ ...v, name: 42 }), 400, 'VALIDATION_FAILED', /name/],
    ['unknown field', (v) => ({ ...v, colour: 'green' }), 400, 'VALIDATION_FAILED', /colour/],
    [
      'missing field',
      (v) => ({ name: v.name, idType: 'passport', regionCode: v.regionCode }),
      400,
      'VALIDATION_FAILED',
      /idNumber/,
    ],
    ['bad enum', (v) => ({ ...v, idType: 'library_card' }), 400, 'VALIDATION_FAILED', /idType/],
    ['bad region code', (v) => ({ ...v, regionCode: '42' }), 400, 'VALIDATION_FAILED', /regionCode/],
    [
      'unknown region',
      (v) => ({ ...v, regionCode: `${v.regionCode.slice(0, 9)}999` }),
      404,
      'REGION_NOT_FOUND',
      /999/,
    ],
    ['bad passport', (v) => ({ ...v, idNumber: '!!' }), 400, 'ID_NUMBER_INVALID', /passport/],
    ['empty body', () => '', 400, 'BAD_JSON', /empty/],
    ['JSON array body', () => '[]', 400, 'VALIDATION_FAILED', /object/],
    ['oversize body', (v) => ({ ...v, address: 'x'.repeat(10_000) }), 413, 'PAYLOAD_TOO_LARGE', /too large/],
  ]
  it.each(CASES)('%s', async (_name, payload, status, code, message) => {
    const before = await personCount()
    const res = await post(payload(valid()))
    expect(res.statusCode, res.body).toBe(status)
    expect(error(res).code).toBe(code)
    expect(error(res).message).toMatch(message)
    expect(await personCount()).toBe(before)
  })

  it('wrong content type → 415', async () => {
    const res = await post('name=x', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(res.statusCode).toBe(415)
    expect(error(res).code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })

  it.each(['abc', '0', '-1', '1.5', '99999999999999999999', "1' or '1'='1"])(
    'bad id %s in the path → 400',
    async (id) => {
      const res = await t.app.inject({
        url: `/api/persons/${encodeURIComponent(id)}`,
        headers: { cookie: admin },
      })
      expect(res.statusCode).toBe(400)
      expect(error(res).code).toBe('VALIDATION_FAILED')
    },
  )

  it('an id that does not exist → 404', async () => {
    const res = await t.app.inject({ url: '/api/persons/999999999', headers: { cookie: admin } })
    expect(res.statusCode).toBe(404)
    expect(error(res).code).toBe('PERSON_NOT_FOUND')
  })

  it('bad query parameters → 400', async () => {
    for (const q of ['pageSize=0', 'pageSize=100000', 'page=x', 'regionCode=abc', 'unknown=1']) {
      const res = await t.app.inject({ url: `/api/persons?${q}`, headers: { cookie: admin } })
      expect(res.statusCode, q).toBe(400)
    }
  })

  it('unknown API route → 404 in the error shape', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here', headers: { cookie: admin } })
    expect(res.statusCode).toBe(404)
    expect(error(res).code).toBe('ROUTE_NOT_FOUND')
  })

  it('a household id that does not exist leaves no person behind', async () => {
    const before = await personCount()
    const res = await post({ ...valid(), idNumber: 'H7654321', householdId: '987654321' })
    expect(res.statusCode).toBe(404)
    expect(await personCount()).toBe(before)
  })

  it('fuzz: random JSON bodies never produce a 5xx and never a partial row', async () => {
    const before = await personCount()
    let created = 0
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.record(
            {
              name: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
              idType: fc.oneof(fc.constantFrom('resident', 'passport', 'x'), fc.string()),
              idNumber: fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^[0-9]{17}[0-9X]$/)),
              regionCode: fc.oneof(fc.constant(r.communities[1]), fc.string({ maxLength: 14 })),
              phone: fc.string({ maxLength: 25 }),
              birthDate: fc.string({ maxLength: 12 }),
            },
            { requiredKeys: [] },
          ),
        ),
        async (body) => {
          const res = await post(typeof body === 'string' ? body : body)
          expect(res.statusCode, res.body).toBeLessThan(500)
          if (res.statusCode === 201) created++
          else expect(error(res).message.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 150 },
    )
    expect(await personCount()).toBe(before + created)
  })
})
