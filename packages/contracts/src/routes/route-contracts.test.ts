import { describe, expect, expectTypeOf, it } from 'vitest'
import type { TObject } from '@sinclair/typebox'
import { PERMISSIONS } from '@lianfang/core'
import type { IdParams } from '../common.schema.js'
import type { FollowupQuery } from '../followups.schema.js'
import type { RetriedJob, RetryJobBody } from '../jobs.schema.js'
import type { CaseLink } from '../cases.schema.js'
import {
  ChainRoutes,
  type FollowupRoutes,
  type JobRoutes,
  pathOf,
  pathParamNames,
  QuarantineRoutes,
  ROUTE_CONTRACTS,
  routeKey,
  successStatus,
  successStatuses,
  type BodyOf,
  type CallArgs,
  type ParamsOf,
  type QueryOf,
  type ReplyOf,
  type SuccessOf,
} from './index.js'

describe('route contracts', () => {
  it.each(ROUTE_CONTRACTS.map((c) => [routeKey(c), c] as const))(
    '%s: its path parameters are its params, a successful answer, a known permission',
    (_, c) => {
      const declared = c.params ? Object.keys((c.params as TObject).properties).sort() : []
      expect(pathParamNames(c.path).sort()).toEqual(declared)
      expect(() => successStatus(c)).not.toThrow()
      if ('permission' in c.access) expect(PERMISSIONS).toContain(c.access.permission)
      if (c.method === 'GET') expect(c.body).toBeUndefined()
    },
  )

  it('names every route once', () => {
    const keys = ROUTE_CONTRACTS.map(routeKey)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('fills path parameters URI-encoded and refuses a missing one', () => {
    expect(pathOf(QuarantineRoutes.release, { id: 'a/b c' })).toBe('/api/quarantine-orders/a%2Fb%20c/release')
    expect(() => pathOf(QuarantineRoutes.release, {})).toThrow(/:id/)
  })

  it('types each part of a route from its schema (checked by tsc)', () => {
    type Retry = typeof JobRoutes.retry
    expectTypeOf<ParamsOf<Retry>>().toEqualTypeOf<IdParams>()
    expectTypeOf<BodyOf<Retry>>().toEqualTypeOf<RetryJobBody>()
    expectTypeOf<QueryOf<Retry>>().toEqualTypeOf<undefined>()
    expectTypeOf<ReplyOf<Retry>>().toEqualTypeOf<RetriedJob>()
    expectTypeOf<SuccessOf<typeof QuarantineRoutes.create>>().toEqualTypeOf<201>()
    expectTypeOf<CallArgs<typeof FollowupRoutes.list>['query']>().toEqualTypeOf<FollowupQuery>()
    expect(successStatus(QuarantineRoutes.create)).toBe(201)
  })

  it('lets a route declare several successful answers of one schema (a case link: 201 new, 200 updated)', () => {
    expectTypeOf<SuccessOf<typeof ChainRoutes.link>>().toEqualTypeOf<200 | 201>()
    expectTypeOf<ReplyOf<typeof ChainRoutes.link>>().toEqualTypeOf<CaseLink>()
    expect(successStatuses(ChainRoutes.link)).toEqual([200, 201])
    expect(successStatus(ChainRoutes.link)).toBe(200)
  })
})
