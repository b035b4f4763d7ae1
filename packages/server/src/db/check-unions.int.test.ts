import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import type { TLiteral, TUnion } from '@sinclair/typebox'
import {
  EDITIONS,
  HEALTH_CODE_COLOURS,
  ID_TYPES,
  MEMBERSHIP_SOURCES,
  REGION_LEVELS,
  ROLES,
  TRUSTED_KEY_STATUSES,
  VENUE_KINDS,
  WORK_UNIT_KINDS,
  type Edition,
  type HealthCodeColour,
  type IdType,
  type MembershipSource,
  type RegionLevel,
  type Role,
  type TrustedKeyStatus,
  type VenueKind,
  type WorkUnitKind,
} from '@lianfang/core'
import {
  CaseStatusSchema,
  ChainConfidenceSchema,
  ClusterKindSchema,
  ClusterStatusSchema,
  ColourSchema,
  ContactDegreeSchema,
  FollowupNatResultSchema,
  MembershipSourceSchema,
  QuarantineKindSchema,
  RiskLevelSchema,
  SeveritySchema,
  SexSchema,
} from '@lianfang/contracts'
import { TEST_DATABASES, openTestDatabase, type TestDatabase } from '../testing/test-database.js'
import { inListValues, readCheckLists, type CheckLists } from './codegen.js'
import type * as Schema from './schema.generated.js'

/** The values of a TypeBox union of string literals. */
const literals = (schema: TUnion<TLiteral<string>[]>): readonly string[] => schema.anyOf.map((s) => s.const)

/**
 * Every SQL `CHECK (col IN (…))` list that has a counterpart in core or in the contracts, and that
 * counterpart: the two must allow the same values, so a value added on one side only fails here.
 */
// prettier-ignore
const COUNTERPARTS: readonly [table: string, column: string, from: string, values: readonly string[]][] = [
  ['regions', 'level', 'core REGION_LEVELS', REGION_LEVELS],
  ['users', 'role', 'core ROLES', ROLES],
  ['venues', 'kind', 'core VENUE_KINDS', VENUE_KINDS],
  ['work_units', 'kind', 'core WORK_UNIT_KINDS', WORK_UNIT_KINDS],
  ['persons', 'id_type', 'core ID_TYPES', ID_TYPES],
  ['rule_sets', 'edition', 'core EDITIONS', EDITIONS],
  ['key_group_memberships', 'source', 'core MEMBERSHIP_SOURCES', MEMBERSHIP_SOURCES],
  ['key_group_memberships', 'source', 'contracts MembershipSourceSchema', literals(MembershipSourceSchema)],
  ['health_codes', 'colour', 'core HEALTH_CODE_COLOURS', HEALTH_CODE_COLOURS],
  ['checkins', 'colour', 'core HEALTH_CODE_COLOURS', HEALTH_CODE_COLOURS],
  ['signing_keys', 'status', 'core TRUSTED_KEY_STATUSES', TRUSTED_KEY_STATUSES],
  ['health_codes', 'colour', 'contracts ColourSchema', literals(ColourSchema)],
  ['persons', 'sex', 'contracts SexSchema', literals(SexSchema)],
  ['cases', 'status', 'contracts CaseStatusSchema', literals(CaseStatusSchema)],
  ['cases', 'severity', 'contracts SeveritySchema', literals(SeveritySchema)],
  ['contacts', 'degree', 'contracts ContactDegreeSchema', literals(ContactDegreeSchema)],
  ['cluster_alerts', 'kind', 'contracts ClusterKindSchema', literals(ClusterKindSchema)],
  ['cluster_alerts', 'status', 'contracts ClusterStatusSchema', literals(ClusterStatusSchema)],
  ['case_links', 'confidence', 'contracts ChainConfidenceSchema', literals(ChainConfidenceSchema)],
  ['case_followups', 'nat_result', 'contracts FollowupNatResultSchema', literals(FollowupNatResultSchema)],
  ['quarantine_orders', 'kind', 'contracts QuarantineKindSchema', literals(QuarantineKindSchema)],
  ['risk_area_periods', 'level', 'contracts RiskLevelSchema', literals(RiskLevelSchema)],
]

describe('CHECK lists parsed from pg_get_constraintdef', () => {
  // prettier-ignore
  const cases: [definition: string, column: string, values: string[] | undefined][] = [
    ["CHECK ((status = ANY (ARRAY['open'::text, 'accepted'::text])))", 'status', ['open', 'accepted']],
    ["CHECK (((colour IS NULL) OR (colour = ANY (ARRAY['green'::text, 'red'::text]))))", 'colour', ['green', 'red']],
    ["CHECK ((topic = 'colour.recompute'::text))", 'topic', ['colour.recompute']],
    ["CHECK (((kind IS NULL) OR (kind = 'x'::character varying)))", 'kind', ['x']],
    ["CHECK ((note = ANY (ARRAY['it''s'::text, 'a, b'::text])))", 'note', ["it's", 'a, b']],
    ["CHECK ((\"user\" = ANY (ARRAY['a'::text])))", 'user', ['a']],
    ["CHECK ((status = ANY (ARRAY['a'::text])))", 'state', undefined],
    ["CHECK (((status <> 'done'::text) OR (at IS NOT NULL)))", 'status', undefined],
    ["CHECK ((topic ~ '^[a-z]+$'::text))", 'topic', undefined],
    ["CHECK (((week >= 1) AND (week <= 52)))", 'week', undefined],
  ]
  it.each(cases)('%s on %s', (definition, column, values) => {
    expect(inListValues(definition, column)).toEqual(values)
  })
})

describe.each(TEST_DATABASES)('SQL CHECK lists against core and contracts on %s', (kind) => {
  let t: TestDatabase
  let lists: CheckLists
  beforeAll(async () => {
    t = await openTestDatabase(kind)
    lists = await readCheckLists(t.database)
  })
  afterAll(() => t.dispose())

  it.each(COUNTERPARTS)('%s.%s allows exactly the values of %s', (table, column, _from, values) => {
    const sql = lists.get(table)?.get(column)
    expect(sql, `${table}.${column} has a CHECK … IN list`).toBeDefined()
    expect([...(sql ?? [])].sort()).toEqual([...values].sort())
  })

  it('finds the lists of both the NOT NULL and the nullable columns', () => {
    expect(lists.get('checkins')?.get('direction')).toEqual(['in', 'out'])
    expect(lists.get('case_followups')?.get('nat_result')).toEqual(['negative', 'positive', 'not_tested'])
    expect(lists.get('outbox')?.get('topic')).toEqual(['colour.recompute'])
    expect(lists.get('jobs')?.get('topic')).toBeUndefined() // a pattern, not a list
  })
})

describe('generated column types are the domain unions', () => {
  it('types each column as its core union (checked by tsc)', () => {
    expectTypeOf<Schema.Regions['level']>().toEqualTypeOf<RegionLevel>()
    expectTypeOf<Schema.Users['role']>().toEqualTypeOf<Role>()
    expectTypeOf<Schema.Venues['kind']>().toEqualTypeOf<VenueKind>()
    expectTypeOf<Schema.WorkUnits['kind']>().toEqualTypeOf<WorkUnitKind>()
    expectTypeOf<Schema.Persons['id_type']>().toEqualTypeOf<IdType>()
    expectTypeOf<Schema.KeyGroupMemberships['source']>().toEqualTypeOf<Schema.Generated<MembershipSource>>()
    expectTypeOf<Schema.RuleSets['edition']>().toEqualTypeOf<Edition>()
    expectTypeOf<Schema.HealthCodes['colour']>().toEqualTypeOf<HealthCodeColour>()
    expectTypeOf<Schema.Checkins['colour']>().toEqualTypeOf<HealthCodeColour | null>()
    expectTypeOf<Schema.SigningKeys['status']>().toEqualTypeOf<TrustedKeyStatus>()
  })
})
