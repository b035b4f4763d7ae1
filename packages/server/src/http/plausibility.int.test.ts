import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeResidentId } from '@lianfang/core'
import { TEST_DATABASES } from '../testing/test-database.js'
import { createTestApp, type TestApp, type TestRegions } from '../testing/test-app.js'

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()

/**
 * Values that pass their schema but cannot be true (issue #14) are refused with 400
 * VALIDATION_FAILED naming the field — and nothing is written. The bounds and their reasons
 * are in packages/core/src/rules/plausibility.ts.
 */
describe.each(TEST_DATABASES)('implausible values on %s', (kind) => {
  let t: TestApp
  let r: TestRegions
  let admin: string
  let person: { id: string; idNumber: string }
  beforeAll(async () => {
    t = await createTestApp(kind)
    r = await t.makeRegions()
    admin = await t.login('admin', '420100')
    person = await t.createPerson(r.communities[0])
  })
  afterAll(async () => t.close())

  const count = async (table: 'persons' | 'cases' | 'quarantine_orders' | 'nat_results' | 'antibody_results' | 'fever_clinic_visits' | 'trips' | 'risk_area_periods' | 'users') =>
    Number(
      (
        await t.services.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ) // prettier-ignore

  type Table = Parameters<typeof count>[0]
  type Case = [
    what: string,
    method: 'POST' | 'PUT',
    url: string,
    body: () => object,
    field: string,
    table: Table,
  ]
  const personBody = (idNumber: string, extra: object = {}) => ({
    name: '张三',
    idType: 'resident',
    idNumber,
    regionCode: r.communities[0],
    ...extra,
  })
  const CASES: Case[] = [
    ['an ID number born next year', 'POST', '/api/persons', () => personBody(makeResidentId('420106', `${new Date().getUTCFullYear() + 1}-01-01`, 7)), 'idNumber', 'persons'],
    ['an ID number born 1880', 'POST', '/api/persons', () => personBody(makeResidentId('420106', '1880-01-01', 7)), 'idNumber', 'persons'],
    ['an ID number of no province (990101)', 'POST', '/api/persons', () => personBody(makeResidentId('990101', '1980-01-01', 7)), 'idNumber', 'persons'],
    ['a passport holder born next year', 'POST', '/api/persons', () => ({ name: 'Jane Roe', idType: 'passport', idNumber: 'E7654321', birthDate: `${new Date().getUTCFullYear() + 1}-02-01`, regionCode: r.communities[0] }), 'birthDate', 'persons'],
    ['a citizen registering with an ID number born next year', 'POST', '/api/citizen/register', () => ({ phone: '13700000001', code: '123456', name: '张三', idType: 'resident', idNumber: makeResidentId('420106', `${new Date().getUTCFullYear() + 1}-01-01`, 9), regionCode: r.communities[0], password: 'citizen-password-1' }), 'idNumber', 'users'],
    ['a case onset in 1900', 'POST', '/api/cases', () => ({ personId: person.id, status: 'confirmed', onsetAt: '1900-01-01T00:00:00Z' }), 'onsetAt', 'cases'],
    ['a case onset tomorrow', 'POST', '/api/cases', () => ({ personId: person.id, status: 'confirmed', onsetAt: ago(-1) }), 'onsetAt', 'cases'],
    ['isolation a year before onset', 'POST', '/api/cases', () => ({ personId: person.id, status: 'confirmed', onsetAt: ago(2), isolatedAt: ago(367) }), 'isolatedAt', 'cases'],
    ['a first positive sample a year before onset', 'POST', '/api/cases', () => ({ personId: person.id, status: 'confirmed', onsetAt: ago(2), firstPositiveSampleAt: ago(367) }), 'firstPositiveSampleAt', 'cases'],
    ['a 10-year quarantine', 'POST', '/api/quarantine-orders', () => ({ personId: person.id, kind: 'centralized', reason: 'close_contact', startsAt: ago(1), endsAt: ago(-3650) }), 'endsAt', 'quarantine_orders'],
    ['a quarantine starting in 1999', 'POST', '/api/quarantine-orders', () => ({ personId: person.id, kind: 'centralized', reason: 'close_contact', startsAt: '1999-06-01T00:00:00Z' }), 'startsAt', 'quarantine_orders'],
    ['a quarantine ending before it starts', 'POST', '/api/quarantine-orders', () => ({ personId: person.id, kind: 'centralized', reason: 'close_contact', startsAt: ago(1), endsAt: ago(3) }), 'endsAt', 'quarantine_orders'],
    ['a NAT sample from 1900', 'POST', '/api/nat-results', () => ({ personId: person.id, sampledAt: '1900-01-01T00:00:00Z', result: 'negative' }), 'sampledAt', 'nat_results'],
    ['an antibody sample from 1900', 'POST', '/api/antibody-results', () => ({ personId: person.id, sampledAt: '1900-01-01T00:00:00Z', igm: 'negative', igg: 'negative' }), 'sampledAt', 'antibody_results'],
    ['an antibody sample tomorrow', 'POST', '/api/antibody-results', () => ({ personId: person.id, sampledAt: ago(-1), igm: 'negative', igg: 'negative' }), 'sampledAt', 'antibody_results'],
    ['a diagnosis tomorrow', 'POST', '/api/cases', () => ({ personId: person.id, status: 'confirmed', onsetAt: ago(2), diagnosedAt: ago(-1) }), 'diagnosedAt', 'cases'],
    ['a fever clinic visit next week', 'POST', '/api/fever-clinic-visits', () => ({ personId: person.id, visitedAt: ago(-7) }), 'visitedAt', 'fever_clinic_visits'],
    ['a trip in 1999', 'POST', '/api/declarations/trips', () => ({ personId: person.id, placeRegionCode: '420100', arrivedAt: '1999-01-01T00:00:00Z', leftAt: '1999-01-02T00:00:00Z' }), 'arrivedAt', 'trips'],
    ['a risk area from 1999', 'POST', '/api/risk-areas', () => ({ regionCode: r.communities[1], level: 'medium', startsAt: '1999-01-01T00:00:00Z' }), 'startsAt', 'risk_area_periods'],
    ['a risk area from next year', 'POST', '/api/risk-areas', () => ({ regionCode: r.communities[1], level: 'medium', startsAt: ago(-365) }), 'startsAt', 'risk_area_periods'],
  ] // prettier-ignore

  it.each(CASES)(
    '%s → 400 naming the field, nothing written',
    async (_what, method, url, body, field, table) => {
      const before = await count(table)
      const res = await t.app.inject({ method, url, headers: { cookie: admin }, payload: body() })
      expect(res.statusCode, res.body).toBe(400)
      const error = res.json<{ error: { code: string; message: string; details: { field: string } } }>().error
      expect(error.code).toBe('VALIDATION_FAILED')
      expect(error.details.field).toBe(field)
      expect(error.message).toContain(field)
      expect(await count(table)).toBe(before)
    },
  )

  it('the plausible neighbours of those values are accepted', async () => {
    const born = await t.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: { cookie: admin },
      payload: personBody(makeResidentId('110103', '1930-01-01', 8)), // 崇文区, abolished in 2010
    })
    expect(born.statusCode, born.body).toBe(201)
    const quarantine = await t.app.inject({
      method: 'POST',
      url: '/api/quarantine-orders',
      headers: { cookie: admin },
      payload: {
        personId: person.id,
        kind: 'centralized',
        reason: 'inbound',
        startsAt: ago(1),
        endsAt: ago(-27),
      },
    })
    expect(quarantine.statusCode, quarantine.body).toBe(201)
    const contact = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: admin },
      payload: { personId: person.id, status: 'confirmed', onsetAt: ago(2), isolatedAt: ago(20) },
    })
    expect(contact.statusCode, contact.body).toBe(201)
    const reclassify = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${contact.json<{ id: string }>().id}/reclassify`,
      headers: { cookie: admin },
      payload: { version: 1, status: 'confirmed', onsetAt: '1900-01-01T00:00:00Z', reason: 'typo' },
    })
    expect(reclassify.statusCode, reclassify.body).toBe(400)
    expect(reclassify.json<{ error: { details: { field: string } } }>().error.details.field).toBe('onsetAt')
  })
})
