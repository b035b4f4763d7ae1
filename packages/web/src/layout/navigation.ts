import type { Permission } from '@lianfang/core'
import { WEB_MODULES } from '../modules'
import { MENU_GROUPS, type MenuEntry, type MenuGroup, type WebModule } from '../modules-kit/web-module'

/** Every module's menu entries, by group (in {@link MENU_GROUPS} order), then by their order. */
export function menuEntriesOf(modules: readonly WebModule[]): MenuEntry[] {
  return modules
    .flatMap((m) => m.menu)
    .sort((a, b) => MENU_GROUPS.indexOf(a.group) - MENU_GROUPS.indexOf(b.group) || a.order - b.order)
}

/** The console's pages in menu order, each shown only to users holding its permission. */
export const NAV_ITEMS: readonly MenuEntry[] = menuEntriesOf(WEB_MODULES)

export type NavItem = MenuEntry

export function navItemsFor(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => permissions.includes(item.permission))
}

export interface NavGroup {
  readonly group: MenuGroup
  readonly items: readonly NavItem[]
}

/** The menu a user sees: the groups holding at least one item they may open. */
export function navGroupsFor(permissions: readonly Permission[]): NavGroup[] {
  const items = navItemsFor(permissions)
  return MENU_GROUPS.map((group) => ({ group, items: items.filter((i) => i.group === group) })).filter(
    (g) => g.items.length > 0,
  )
}

/** The menu key of a location: `/persons/12` belongs to `persons`. */
export function navKeyOf(pathname: string): string | undefined {
  return NAV_ITEMS.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))?.key
}

/** Where a citizen's pages live; citizens have no console menu. */
export const CITIZEN_HOME = '/me'
