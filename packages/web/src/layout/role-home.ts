import type { Permission, Role } from '@lianfang/core'
import { navItemsFor, type NavItem } from './navigation'

/**
 * The page of each staff role's daily work (#16 "each role lands on the page of its daily
 * work"): where `/` takes them. `/home` is the workbench: the role's tasks and, where the role's
 * own pages are not in the console yet, where its work is done today.
 */
export const ROLE_HOME: Readonly<Record<Exclude<Role, 'citizen'>, `/${string}`>> = {
  checkpoint: '/checkpoint',
  community_worker: '/persons',
  tester: '/tubes/register',
  lab: '/lab',
  quarantine_staff: '/home',
  port_officer: '/persons',
  epidemiologist: '/cases',
  enterprise_admin: '/venues',
  commander: '/risk-areas',
  admin: '/users',
}

export const WORKBENCH_PATH = '/home'

/**
 * Where `/` sends a staff user: their role's page when they may open it, else the workbench.
 * (A role's page is one of the menu's; a permission taken from a role falls back safely.)
 */
export function landingOf(role: Exclude<Role, 'citizen'>, permissions: readonly Permission[]): string {
  const home = ROLE_HOME[role]
  if (home === WORKBENCH_PATH) return home
  const items: NavItem[] = navItemsFor(permissions)
  return items.some((i) => i.path === home) ? home : WORKBENCH_PATH
}
