import { describe, expect, it } from 'vitest'
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@lianfang/core'
import en from '../i18n/en.json'
import zhCN from '../i18n/zh-CN.json'
import { NAV_ITEMS, navItemsFor } from './navigation'
import { landingOf, ROLE_HOME, WORKBENCH_PATH } from './role-home'

const permissionsOf = (role: Role): Permission[] =>
  (Object.keys(ROLE_PERMISSIONS) as Permission[]).filter((p) => ROLE_PERMISSIONS[p].includes(role))
const staff = ROLES.filter((r): r is Exclude<Role, 'citizen'> => r !== 'citizen')

describe('each role lands on the page of its daily work (#16)', () => {
  it.each(staff)('%s lands on a page it may open', (role) => {
    const landing = landingOf(role, permissionsOf(role))
    expect(landing).toBe(ROLE_HOME[role])
    if (landing !== WORKBENCH_PATH)
      expect(navItemsFor(permissionsOf(role)).map((i) => i.path)).toContain(landing)
  })

  it('the daily pages are the expected ones', () => {
    expect(ROLE_HOME.epidemiologist).toBe('/cases')
    expect(ROLE_HOME.checkpoint).toBe('/checkpoint')
    expect(ROLE_HOME.commander).toBe('/risk-areas')
    expect(ROLE_HOME.enterprise_admin).toBe('/venues')
  })

  it('a role that lost its page permission falls back to the workbench, not a 403', () => {
    expect(landingOf('epidemiologist', [])).toBe(WORKBENCH_PATH)
  })

  it('a role landing on the workbench reads where its work is done, in both languages', () => {
    for (const role of staff.filter((r) => ROLE_HOME[r] === WORKBENCH_PATH)) {
      expect(zhCN.workbench.note).toHaveProperty(role)
      expect(en.workbench.note).toHaveProperty(role)
    }
  })

  it('every menu entry has a workbench line in both languages', () => {
    for (const item of NAV_ITEMS) {
      expect(zhCN.workbench.hint, item.key).toHaveProperty(item.key)
      expect(en.workbench.hint, item.key).toHaveProperty(item.key)
    }
  })

  it('quarantine staff may list venues where they record check-ins (no silent 403 at the gate)', () => {
    expect(permissionsOf('quarantine_staff')).toEqual(
      expect.arrayContaining(['checkin:record', 'venue:read']),
    )
    for (const role of staff)
      if (permissionsOf(role).includes('checkin:record'))
        expect(permissionsOf(role), role).toContain('venue:read')
  })
})
