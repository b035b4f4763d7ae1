/**
 * One of every record that a route names by id, seeded in one city through the API (test code
 * only), and plausible values for the fields of generated requests. The authorization walk and
 * the text-field property test use both.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { localDate, makeResidentId, RULE_SET_PRESETS } from '@lianfang/core'
import type { CaseRecord } from '@lianfang/contracts'
import { addHousehold, ago, DAY, reportCase } from './cases-kit.js'
import type { Schema } from './openapi-walk.js'
import type { TestApp, TestRegions } from './test-app.js'

export interface SeededCity {
  /** A record's id by the collection of its route (`/api/<collection>/{id}`); `regions` is a district. */
  readonly ids: Readonly<Record<string, string>>
  /** Every seeded id by the field name that refers to it (`personId`, `caseId`…). */
  readonly idsByField: ReadonlyMap<string, ReadonlySet<string>>
  /** Another case, for a link from `ids.cases` that does not exist yet. */
  readonly otherCaseId: string
  /** The signed code of the venue's poster, and a citizen's signed health code. */
  readonly venueCode: string
  readonly healthCode: string
  /** A citizen of the city with an open appeal (session cookie). */
  readonly citizen: string
  /** A lab account of the city (`POST /api/labs/{id}/staff`'s userId). */
  readonly labUserId: string
  /** The resident ID of a person in no tube (`POST /api/tubes/{id}/members`'s personIdNumber). */
  readonly memberIdNumber: string
  /** The phone of `ids.persons`, which was also sent a one-time code (the development outbox). */
  readonly phone: string
}

/** Creates a person in a community (the test app's own admin can do so only in Wuhan). */
export type NewPerson = (
  community: string,
  o: { name: string; householdId?: string; phone?: string },
) => Promise<{ readonly id: string }>

/**
 * Seeds, as `admin` (an admin of the city): a person (unmasked once, sent a one-time code), a household of five with five cases (a
 * household cluster), a link between two of the cases, a confirmed contact, a venue, a draft
 * rule set, a quarantine order, a released case with its follow-ups, a citizen with an appeal,
 * a low-risk area, a staff user, and reads the node's active code key. Every name starts with `mark`.
 */
export async function seedCity(
  t: TestApp,
  r: TestRegions,
  admin: string,
  mark: string,
  newPerson: NewPerson = (community, o) => t.createPerson(community, o),
): Promise<SeededCity> {
  const inject = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })
  const must = async <T>(res: Promise<LightMyRequestResponse>, status = 201): Promise<T> => {
    const got = await res
    if (got.statusCode !== status) throw new Error(`seeding: ${String(got.statusCode)} ${got.body}`)
    return got.json<T>()
  }
  const community = r.communities[0]
  const phone = `1390${String(randomInt(0, 9_999_999)).padStart(7, '0')}`
  const person = await newPerson(community, { name: `${mark}甲`, phone })
  // An unmasking (its reason is in the audit list) and a one-time code to the person's phone.
  await must(inject('POST', `/api/persons/${person.id}/unmask`, admin, { reason: `${mark}核查身份` }), 200)
  await must(t.app.inject({ method: 'POST', url: '/api/citizen/otp', payload: { phone } }), 200)
  const contact = await newPerson(community, { name: `${mark}乙` })
  const household = await addHousehold(t.services.database.db, community)
  const cases: CaseRecord[] = []
  for (let i = 0; i < 5; i++) {
    const p = await newPerson(community, { name: `${mark}户${String(i)}`, householdId: household })
    cases.push(await reportCase(t, admin, { personId: p.id, onsetAt: ago(3 * DAY) }))
  }
  const caseId = (i: number) => cases[i]?.id ?? ''
  const link = await must<{ id: string }>(
    inject('POST', '/api/case-links', admin, {
      fromCaseId: caseId(0),
      toCaseId: caseId(1),
      confidence: 'probable',
    }),
  )
  await must(
    inject('POST', `/api/cases/${caseId(0)}/contacts`, admin, {
      contacts: [{ personId: contact.id, degree: 'close', lastExposureAt: ago(DAY) }],
    }),
    200,
  )
  const venue = await must<{ id: string }>(
    inject('POST', '/api/venues', admin, { regionCode: community, kind: 'restaurant', name: `${mark}饭店` }),
  )
  const venueCode = (await must<{ code: string }>(inject('GET', `/api/venues/${venue.id}/code`, admin), 200))
    .code
  const ruleSet = await must<{ id: string }>(
    inject('POST', '/api/rule-sets', admin, { regionCode: r.district, name: `${mark}规则`, edition: 'FK8' }),
  )
  const order = await must<{ id: string }>(
    inject('POST', '/api/quarantine-orders', admin, {
      personId: contact.id,
      kind: 'home_isolation',
      reason: 'close_contact',
      startsAt: ago(DAY),
    }),
  )
  // Released 20 days after a first positive sample, two negatives since: follow-ups are due.
  const released = await newPerson(community, { name: `${mark}丙` })
  const releasedCase = await reportCase(t, admin, {
    personId: released.id,
    status: 'asymptomatic',
    firstPositiveSampleAt: ago(20 * DAY),
  })
  for (const days of [3, 1])
    await must(
      inject('POST', '/api/nat-results', admin, {
        personId: released.id,
        sampledAt: ago(days * DAY),
        result: 'negative',
      }),
    )
  await must(
    inject('POST', `/api/cases/${releasedCase.id}/discharge`, admin, {
      version: 1,
      symptomsImproved: true,
      imagingImproved: true,
    }),
    200,
  )
  const followups = await must<{ items: { id: string }[] }>(
    inject('GET', `/api/followups?caseId=${releasedCase.id}`, admin),
    200,
  )
  // A citizen under quarantine appeals their colour.
  const citizenPerson = await newPerson(community, { name: `${mark}丁` })
  await must(
    inject('POST', '/api/quarantine-orders', admin, {
      personId: citizenPerson.id,
      kind: 'home_isolation',
      reason: 'close_contact',
      startsAt: ago(DAY),
    }),
  )
  const citizen = await t.login('citizen', community, { personId: citizenPerson.id })
  const appeal = await must<{ id: string }>(
    inject('POST', '/api/appeals', citizen, { statement: '我没有去过那里' }),
  )
  const healthCode = (await must<{ qr: string }>(inject('GET', '/api/codes/me', citizen), 200)).qr
  const clusters = await must<{ items: { id: string }[] }>(inject('GET', '/api/clusters', admin), 200)
  const keys = await must<{ kid: string; purpose: string; status: string }[]>(
    inject('GET', '/api/keys', admin),
    200,
  )
  await must(inject('POST', '/api/risk-areas', admin, { regionCode: r.communities[3], level: 'low' }))
  const worker = await t.login('community_worker', r.district)
  const user = await must<{ id: string }>(inject('GET', '/api/auth/me', worker), 200)

  // A dead job (node-wide; only the node's operators list and retry it).
  const deadJob = await t.services.database.db
    .insertInto('jobs')
    .values({
      topic: 'walk.seed',
      payload: JSON.stringify({}),
      state: 'dead',
      attempts: 1,
      max_attempts: 1,
      last_error: 'seeded',
      finished_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  // A signer of the EU DCC trust list (node-wide; a placeholder certificate, never verifies).
  const dccSigner = await t.services.database.db
    .insertInto('dcc_signers')
    .values({
      kid: randomBytes(8).toString('hex'),
      label: 'walk.seed',
      subject: 'CN=walk.seed',
      der: Uint8Array.of(0x30, 0x00),
      not_before: new Date(),
      not_after: new Date(Date.now() + DAY),
      added_by: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  // A sampling site open all week and a planned screening campaign of the district (#17).
  const site = await must<{ id: string }>(
    inject('POST', '/api/sampling-sites', admin, {
      regionCode: community,
      name: `${mark}采样点`,
      openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], from: '07:00', to: '20:00' }],
      capacityPerHour: 100,
    }),
  )
  const campaign = await must<{ id: string }>(
    inject('POST', '/api/campaigns', admin, {
      regionCode: r.district,
      name: `${mark}全员检测`,
      startsOn: localDate(new Date(), t.config.timeZone),
      endsOn: localDate(new Date(Date.now() + 2 * DAY), t.config.timeZone),
      siteIds: [site.id],
    }),
  )

  // Tubes (#17): an open tube holding the contact, and a closed one shipped to a lab with a
  // positive-pool alert; a lab account of the city (staff of no lab yet).
  // The person a walk adds to the open tube by ID number (resident ID; the tube's own field).
  const memberIdNumber = makeResidentId(
    r.district.slice(0, 6),
    `19${String(randomInt(50, 99))}-03-1${String(randomInt(0, 9))}`,
    randomInt(0, 999),
  )
  await must(
    inject('POST', '/api/persons', admin, {
      name: `${mark}采样`,
      idType: 'resident',
      idNumber: memberIdNumber,
      regionCode: community,
    }),
  )
  const tubeOf = async (barcode: string) => {
    const tube = await must<{ id: string }>(
      inject('POST', '/api/tubes', admin, { barcode, poolSize: 5, regionCode: community }),
    )
    await t.services.database.db
      .insertInto('tube_members')
      .values({ tube_id: tube.id, person_id: contact.id, region_code: community, campaign_id: null })
      .execute()
    return tube.id
  }
  const tag = randomBytes(4).toString('hex').toUpperCase()
  const openTube = await tubeOf(`WALK-${tag}-1`)
  const sentTube = await tubeOf(`WALK-${tag}-2`)
  await must(inject('POST', `/api/tubes/${sentTube}/close`, admin), 200)
  const lab = await must<{ id: string }>(
    inject('POST', '/api/labs', admin, { name: `${mark}实验室`, regionCode: r.district }),
  )
  const shipment = await must<{ id: string }>(
    inject('POST', '/api/shipments', admin, { labId: lab.id, barcodes: [`WALK-${tag}-2`] }),
  )
  const alert = await t.services.database.db
    .insertInto('test_alerts')
    .values({ region_code: community, kind: 'pool_positive', tube_id: sentTube, members: 1 })
    .returning('id')
    .executeTakeFirstOrThrow()
  const labAccount = await must<{ id: string }>(
    inject('GET', '/api/auth/me', await t.login('lab', r.district)),
    200,
  )

  const ids: Record<string, string> = {
    // /api/sampling-sites/{id}; /api/me/sampling-sites/{id}/slots (the site a citizen books)
    'sampling-sites': site.id,
    me: site.id,
    campaigns: campaign.id,
    jobs: deadJob.id,
    dcc: dccSigner.id,
    // The import kind in /api/imports/{kind}/preview; as a preview id it names none (404).
    imports: 'persons',
    persons: person.id,
    households: household,
    cases: caseId(0),
    'case-links': link.id,
    clusters: clusters.items[0]?.id ?? '',
    venues: venue.id,
    'rule-sets': ruleSet.id,
    'quarantine-orders': order.id,
    followups: followups.items[0]?.id ?? '',
    appeals: appeal.id,
    regions: r.district,
    keys: keys.find((k) => k.purpose === 'code' && k.status === 'active')?.kid ?? '',
    users: user.id,
    tubes: openTube,
    labs: lab.id,
    shipments: shipment.id,
    // /api/lab/shipments/{id}: a lab account sees its own lab's only (404 to an unassigned one)
    lab: shipment.id,
    'test-alerts': alert.id,
  }
  for (const [collection, id] of Object.entries(ids)) if (!id) throw new Error(`seeding: no ${collection}`)
  const idsByField = new Map<string, Set<string>>([
    ['personId', new Set([person.id, contact.id, released.id, citizenPerson.id])],
    ['caseId', new Set([...cases, releasedCase].map((c) => c.id))],
    ['venueId', new Set([venue.id])],
    ['householdId', new Set([household])],
  ])
  return {
    ids,
    idsByField,
    otherCaseId: caseId(2),
    venueCode,
    healthCode,
    citizen,
    phone,
    labUserId: labAccount.id,
    memberIdNumber,
  }
}

/**
 * A plausible value for a request field by its name (ids name the seeded records), or undefined
 * to let the schema decide. Values that must be unique (usernames, scan ids) are new each call.
 */
export function fieldValues(seed: SeededCity, r: TestRegions): (name: string, schema: Schema) => unknown {
  let unique = 0
  const { ids } = seed
  return (name, schema) => {
    switch (name) {
      case 'personId':
      case 'viaPersonId':
      case 'targetId':
        return ids['persons']
      case 'caseId':
      case 'fromCaseId':
        return ids['cases']
      case 'toCaseId':
        return seed.otherCaseId
      case 'venueId':
      case 'ids':
        return ids['venues']
      case 'householdId':
        return ids['households']
      case 'regionCode':
        return r.communities[0]
      case 'region':
      case 'root':
        return r.district
      case 'managerUserId':
      case 'actorUserId':
        return ids['users']
      case 'placeRegionCode':
        return r.communities[1]
      case 'enclosed':
        // The seeded venue is a restaurant, which records no ventilation (CC.TRANSPORT.TRAIN/BUS):
        // clearing it is the one change every venue accepts.
        return null
      case 'venueCode':
        return seed.venueCode
      case 'code':
        return schema.maxLength === 4096 ? seed.healthCode : undefined
      case 'userId':
        return seed.labUserId
      case 'confirm':
        return ids['keys']
      case 'reason':
        return schema.type === 'string' && !schema.enum ? 'walk test reason' : undefined
      case 'clientScanId':
        return randomUUID()
      case 'username':
        return `walk_${String(++unique)}`
      case 'password':
        return 'walk-password-123'
      case 'role':
        return 'community_worker'
      case 'idType':
        return 'passport'
      case 'personIdNumber':
        return seed.memberIdNumber
      case 'idNumber':
        return `E${String(30_000_000 + ++unique)}`
      case 'phone':
        return '13800138000'
      case 'name':
      case 'displayName':
        return 'walk name'
      case 'onsetAt':
      case 'arrivedAt':
        return ago(2 * DAY)
      case 'leftAt':
        return ago(DAY)
      case 'params':
        return RULE_SET_PRESETS.FK8.params
      case 'symptoms':
        return schema.type === 'boolean' ? false : undefined
      case 'version':
        return 1
      default:
        return undefined
    }
  }
}

/** Optional body fields that a valid request needs in practice (a key change's confirmation…). */
export const ALSO_FILLED: ReadonlySet<string> = new Set([
  'confirm',
  'reason',
  'code',
  'onsetAt',
  'personIdNumber',
])
