import { describe, expect, it } from 'vitest'
import type { TObject } from '@sinclair/typebox'
import { PERMISSIONS } from '@lianfang/core'
import {
  pathOf,
  pathParamNames,
  ROUTE_CONTRACTS,
  routeKey,
  successStatus,
  QuarantineRoutes,
} from './index.js'

describe('route contracts', () => {
  it.each(ROUTE_CONTRACTS.map((c) => [routeKey(c), c] as const))(
    '%s: its path parameters are its params, one successful answer, a known permission',
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
})
