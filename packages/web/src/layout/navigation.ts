import type { Permission } from '@lianfang/core'

/** The console's pages in menu order, each shown only to users holding its permission. */
export const NAV_ITEMS = [
  { key: 'persons', path: '/persons', permission: 'person:read' },
  // Before regions: the checkpoint role (no person:read) opens on it.
  { key: 'checkpoint', path: '/checkpoint', permission: 'code:verify' },
  { key: 'venues', path: '/venues', permission: 'venue:read' },
  { key: 'cases', path: '/cases', permission: 'case:read' },
  { key: 'clusters', path: '/clusters', permission: 'case:read' },
  { key: 'chains', path: '/chains', permission: 'case:read' },
  { key: 'assistRequests', path: '/assist-requests', permission: 'case:read' },
  { key: 'followups', path: '/followups', permission: 'followup:read' },
  { key: 'regions', path: '/regions', permission: 'region:read' },
  { key: 'riskAreas', path: '/risk-areas', permission: 'region:read' },
  { key: 'appeals', path: '/appeals', permission: 'appeal:review' },
  { key: 'ruleSets', path: '/rule-sets', permission: 'ruleset:manage' },
  { key: 'audit', path: '/audit', permission: 'audit:read' },
  { key: 'users', path: '/users', permission: 'user:read' },
  { key: 'smsOutbox', path: '/sms-outbox', permission: 'sms:read' },
  { key: 'keys', path: '/keys', permission: 'node:keys' },
] as const satisfies readonly { key: string; path: string; permission: Permission }[]

export type NavItem = (typeof NAV_ITEMS)[number]

export function navItemsFor(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => permissions.includes(item.permission))
}

/** The menu key of a location: `/persons/12` belongs to `persons`. */
export function navKeyOf(pathname: string): string | undefined {
  return NAV_ITEMS.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))?.key
}

/** Where a citizen's pages live; citizens have no console menu. */
export const CITIZEN_HOME = '/me'
