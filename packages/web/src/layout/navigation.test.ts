import { describe, expect, it } from 'vitest'
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@lianfang/core'
import { navItemsFor, navKeyOf } from './navigation'

const permissionsOf = (role: Role): Permission[] =>
  (Object.keys(ROLE_PERMISSIONS) as Permission[]).filter((p) => ROLE_PERMISSIONS[p].includes(role))

describe('role-aware menu', () => {
  it('shows an admin every page and a community worker only persons and regions', () => {
    expect(navItemsFor(permissionsOf('admin')).map((i) => i.key)).toEqual([
      'persons',
      'regions',
      'audit',
      'users',
    ])
    expect(navItemsFor(permissionsOf('community_worker')).map((i) => i.key)).toEqual(['persons', 'regions'])
    expect(navItemsFor(permissionsOf('citizen'))).toEqual([])
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
  })
})
