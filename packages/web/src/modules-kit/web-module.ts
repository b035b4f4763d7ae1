/**
 * What a console domain brings: its pages (routes), its menu entries and its strings. Each
 * domain declares one {@link WebModule} in `pages/<domain>/module.ts`; `src/modules.ts` lists
 * them, and the router, the menu and i18n are built from that list (#15, "the console mirrors
 * the server modules").
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import type { Permission } from '@lianfang/core'

/** The menu's groups, in the order they are shown; labels are `navGroup.<group>`. */
export const MENU_GROUPS = ['health', 'places', 'tracing', 'command', 'system'] as const
export type MenuGroup = (typeof MENU_GROUPS)[number]

/** A page loaded on first visit. */
export type LazyPage = LazyExoticComponent<ComponentType>

/** Code-splits a page module: `lazyPage(() => import('./PersonsPage'))`. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  return lazy(load)
}

export interface ModuleRoute {
  /** Relative to the console root, without the leading slash: `persons/:id`. */
  readonly path: string
  readonly page: LazyPage
  /**
   * The permission the page needs (the console's guard mirrors the server's, which decides).
   * `null` only for a page that guards itself (the checkpoint works offline).
   */
  readonly permission: Permission | null
  /** `console` (default): inside the menu frame; `bare`: full screen (a poster, the scanner). */
  readonly frame?: 'console' | 'bare'
}

export interface MenuEntry {
  /** Unique over the console; the item's test id is `nav-<key>`. */
  readonly key: string
  readonly path: `/${string}`
  /** An i18n key of the translation namespace, e.g. `nav.persons`. */
  readonly label: string
  readonly group: MenuGroup
  readonly permission: Permission
  /** Position inside its group, ascending. */
  readonly order: number
}

/** Strings a module adds to the `translation` namespace (deep-merged), one object per language. */
export interface ModuleStrings {
  readonly 'zh-CN': Readonly<Record<string, unknown>>
  readonly en: Readonly<Record<string, unknown>>
}

/**
 * A count a module shows on the workbench — work waiting (overdue cases) — linking to the list it
 * counts. `useCount` is a React hook, run inside the badge's own component: the number, or
 * undefined while it loads or when it cannot be read.
 */
export interface WorkbenchBadge {
  /** Unique over the console; the badge's test id is `badge-<key>`. */
  readonly key: string
  /** Who sees it (and so who runs its query). */
  readonly permission: Permission
  /** An i18n key of the translation namespace: what is counted. */
  readonly label: string
  /** The list of what is counted, filtered (`/cases?overdue=report`). */
  readonly path: `/${string}`
  readonly useCount: () => number | undefined
}

export interface WebModule {
  readonly name: string
  readonly routes: readonly ModuleRoute[]
  readonly menu: readonly MenuEntry[]
  readonly i18n?: ModuleStrings
  /** Counts on the workbench (optional). */
  readonly badges?: readonly WorkbenchBadge[]
}

/** Identity with a type check, so a module file reads `export default defineWebModule({ … })`. */
export function defineWebModule(module: WebModule): WebModule {
  return module
}
