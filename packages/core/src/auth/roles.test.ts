import { describe, expect, it } from 'vitest'
import { can, PERMISSIONS, ROLES } from './roles.js'

describe('roles', () => {
  it('citizens and checkpoints never read the person register', () => {
    expect(can('citizen', 'person:read')).toBe(false)
    expect(can('checkpoint', 'person:read')).toBe(false)
  })
  it('only admins manage users and read the audit trail', () => {
    for (const role of ROLES) {
      expect(can(role, 'user:manage')).toBe(role === 'admin')
      expect(can(role, 'audit:read')).toBe(role === 'admin')
    }
  })
  it('whoever may unmask may read', () => {
    for (const role of ROLES) if (can(role, 'person:unmask')) expect(can(role, 'person:read')).toBe(true)
    expect(PERMISSIONS.length).toBeGreaterThan(0)
  })
})
