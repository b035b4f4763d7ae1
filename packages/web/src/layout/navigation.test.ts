import { describe, expect, it } from 'vitest'
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@lianfang/core'
import { MENU_GROUPS } from '../modules-kit/web-module'
import { NAV_ITEMS, navGroupsFor, navItemsFor, navKeyOf } from './navigation'
import { landingOf } from './role-home'

const permissionsOf = (role: Role): Permission[] =>
  (Object.keys(ROLE_PERMISSIONS) as Permission[]).filter((p) => ROLE_PERMISSIONS[p].includes(role))

describe('role-aware menu', () => {
  it('shows an admin every page, grouped in menu order, and each role only its own', () => {
    // The admin holds every permission: every module's entries, group by group.
    expect(navItemsFor(permissionsOf('admin'))).toEqual(NAV_ITEMS)
    const adminGroups = navGroupsFor(permissionsOf('admin'))
    expect(adminGroups.map((g) => g.group)).toEqual([...MENU_GROUPS])
    expect(
      adminGroups
        .find((g) => g.group === 'health')
        ?.items.slice(0, 1)
        .map((i) => i.key),
    ).toEqual(['persons'])
    // Positive-tube alerts first: they ask for action within the hour (POOL.POSITIVE).
    expect(adminGroups.find((g) => g.group === 'tracing')?.items.map((i) => i.key)).toEqual([
      'testAlerts',
      'cases',
      'clusters',
      'chains',
      'assistRequests',
      'followups',
    ])
    expect(
      adminGroups
        .find((g) => g.group === 'system')
        ?.items.map((i) => i.key)
        .slice(0, 5),
    ).toEqual(['users', 'regions', 'keys', 'audit', 'smsOutbox'])
    expect(navItemsFor(permissionsOf('community_worker')).map((i) => i.key)).toEqual([
      'persons',
      'importPersons',
      'appeals',
      'keyGroups',
      'samplingSites',
      'testOrders',
      'dcc',
      'natResultVerify',
      'checkpoint',
      'venues',
      'followups',
      'riskAreas',
      'campaigns',
      'regions',
    ])
    // A group with nothing the role may open is left out.
    expect(navGroupsFor(permissionsOf('lab')).map((g) => g.group)).toEqual(['health', 'command', 'system'])
    // The lab works on its page (shipments, results); no persons, no cases.
    expect(navItemsFor(permissionsOf('lab')).map((i) => i.key)).toEqual(['lab', 'riskAreas', 'regions'])
    expect(navItemsFor(permissionsOf('citizen'))).toEqual([])
    expect(navGroupsFor(permissionsOf('citizen'))).toEqual([])
    // The gate role opens on the scanner (its landing page; the EU certificate check of the
    // health group comes first in its menu).
    expect(landingOf('checkpoint', permissionsOf('checkpoint'))).toBe('/checkpoint')
    expect(navItemsFor(permissionsOf('checkpoint')).map((i) => i.key)).toContain('checkpoint')
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
