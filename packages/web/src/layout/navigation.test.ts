import { describe, expect, it } from 'vitest'
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@lianfang/core'
import { navItemsFor, navKeyOf } from './navigation'

const permissionsOf = (role: Role): Permission[] =>
  (Object.keys(ROLE_PERMISSIONS) as Permission[]).filter((p) => ROLE_PERMISSIONS[p].includes(role))

describe('role-aware menu', () => {
  it('shows an admin every page and a community worker persons, regions, risk areas and appeals', () => {
    expect(navItemsFor(permissionsOf('admin')).map((i) => i.key)).toEqual([
      'persons',
      'checkpoint',
      'venues',
      'cases',
      'clusters',
      'chains',
      'assistRequests',
      'followups',
      'regions',
      'riskAreas',
      'appeals',
      'ruleSets',
      'audit',
      'users',
      'smsOutbox',
      'keys',
    ])
    expect(navItemsFor(permissionsOf('community_worker')).map((i) => i.key)).toEqual([
      'persons',
      'checkpoint',
      'venues',
      'followups',
      'regions',
      'riskAreas',
      'appeals',
    ])
    expect(navItemsFor(permissionsOf('lab')).map((i) => i.key)).toEqual(['regions', 'riskAreas'])
    expect(navItemsFor(permissionsOf('citizen'))).toEqual([])
    // The gate role opens on the scanner.
    expect(navItemsFor(permissionsOf('checkpoint'))[0]?.key).toBe('checkpoint')
  })

  it('never shows a page whose permission the role lacks', () => {
    for (const role of ROLES) {
      const held = permissionsOf(role)
      for (const item of navItemsFor(held)) expect(held).toContain(item.permission)
    }
  })

  it('selects the menu item of nested paths', () => {
    expect(navKeyOf('/persons/42')).toBe('persons')
    expect(navKeyOf('/personsx')).toBeUndefined()
    expect(navKeyOf('/audit')).toBe('audit')
    expect(navKeyOf('/rule-sets')).toBe('ruleSets')
    expect(navKeyOf('/venues/7')).toBe('venues')
  })
})
