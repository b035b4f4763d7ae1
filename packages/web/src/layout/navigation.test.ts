import { describe, expect, it } from 'vitest'
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@lianfang/core'
import { navGroupsFor, navItemsFor, navKeyOf } from './navigation'

const permissionsOf = (role: Role): Permission[] =>
  (Object.keys(ROLE_PERMISSIONS) as Permission[]).filter((p) => ROLE_PERMISSIONS[p].includes(role))

describe('role-aware menu', () => {
  it('shows an admin every page, grouped, and a community worker persons, appeals, venues, follow-ups, areas and regions', () => {
    expect(navItemsFor(permissionsOf('admin')).map((i) => i.key)).toEqual([
      'persons',
      'appeals',
      'ruleSets',
      'checkpoint',
      'venues',
      'cases',
      'clusters',
      'chains',
      'assistRequests',
      'followups',
      'riskAreas',
      'users',
      'regions',
      'keys',
      'audit',
      'smsOutbox',
      'deadJobs',
    ])
    expect(navGroupsFor(permissionsOf('admin')).map((g) => [g.group, g.items.length])).toEqual([
      ['health', 3],
      ['places', 2],
      ['tracing', 5],
      ['command', 1],
      ['system', 6],
    ])
    expect(navItemsFor(permissionsOf('community_worker')).map((i) => i.key)).toEqual([
      'persons',
      'appeals',
      'checkpoint',
      'venues',
      'followups',
      'riskAreas',
      'regions',
    ])
    // A group with nothing the role may open is left out.
    expect(navGroupsFor(permissionsOf('lab')).map((g) => g.group)).toEqual(['command', 'system'])
    expect(navItemsFor(permissionsOf('lab')).map((i) => i.key)).toEqual(['riskAreas', 'regions'])
    expect(navItemsFor(permissionsOf('citizen'))).toEqual([])
    expect(navGroupsFor(permissionsOf('citizen'))).toEqual([])
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
    expect(navKeyOf('/assist-requests')).toBe('assistRequests')
  })
})
