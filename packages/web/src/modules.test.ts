import { describe, expect, it } from 'vitest'
import { ROLE_PERMISSIONS } from '@lianfang/core'
import { WEB_MODULES } from './modules'
import { MENU_GROUPS } from './modules-kit/web-module'
import { resources } from './i18n'

const KNOWN_PERMISSIONS = new Set(Object.keys(ROLE_PERMISSIONS))

/** The string at a dotted key, or undefined. */
function lookup(catalogue: unknown, key: string): unknown {
  let node: unknown = catalogue
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return node
}

const LANGS = ['zh-CN', 'en'] as const

/** A route path as the router matches it: `imports/:kind` takes `/imports/persons`. */
function routePattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return new RegExp(`^/${source}$`)
}

describe('console modules (src/modules.ts)', () => {
  const entries = WEB_MODULES.flatMap((m) => m.menu.map((entry) => ({ module: m.name, entry })))
  const routes = WEB_MODULES.flatMap((m) => m.routes)

  it('gives every menu entry a route, a known permission and a label in both languages', () => {
    expect(entries.length).toBeGreaterThan(0)
    for (const { module, entry } of entries) {
      const where = `${module}: ${entry.key}`
      const route = routes.find((r) => routePattern(r.path).test(entry.path))
      expect(route, `${where} has no route at ${entry.path}`).toBeDefined()
      expect(KNOWN_PERMISSIONS.has(entry.permission), `${where}: ${entry.permission}`).toBe(true)
      // The menu never offers a page the route would refuse (a self-guarded page aside).
      if (route?.permission != null) expect(route.permission, where).toBe(entry.permission)
      expect(MENU_GROUPS, where).toContain(entry.group)
      for (const lang of LANGS) {
        const label = lookup(resources[lang].translation, entry.label)
        expect(typeof label === 'string' && label.trim() !== '', `${where}: ${lang} ${entry.label}`).toBe(
          true,
        )
      }
    }
  })

  it('labels every menu group in both languages', () => {
    for (const group of MENU_GROUPS) {
      for (const lang of LANGS) {
        const label = lookup(resources[lang].translation, `navGroup.${group}`)
        expect(typeof label === 'string' && label !== '', `${lang} navGroup.${group}`).toBe(true)
      }
    }
  })

  it('guards every route with a known permission, and claims each path and menu key once', () => {
    for (const route of routes) {
      if (route.permission !== null) expect(KNOWN_PERMISSIONS.has(route.permission)).toBe(true)
      expect(route.path.startsWith('/'), route.path).toBe(false)
    }
    const paths = routes.map((r) => r.path)
    expect(new Set(paths).size).toBe(paths.length)
    const keys = entries.map((e) => e.entry.key)
    expect(new Set(keys).size).toBe(keys.length)
    const names = WEB_MODULES.map((m) => m.name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('keeps the pages the end-to-end tests open', () => {
    for (const path of [
      'persons',
      'persons/:id',
      'venues',
      'venues/:id',
      'venues/:id/poster',
      'checkpoint',
      'cases/:id',
    ])
      expect(routes.map((r) => r.path)).toContain(path)
    for (const path of ['audit', 'risk-areas', 'rule-sets', 'sms-outbox', 'appeals', 'chains', 'clusters'])
      expect(routes.map((r) => r.path)).toContain(path)
  })

  it('merges module strings into one namespace without losing the shared menu labels', () => {
    for (const lang of LANGS) {
      const t = resources[lang].translation
      expect(typeof lookup(t, 'nav.persons')).toBe('string')
      expect(typeof lookup(t, 'nav.followups')).toBe('string')
      expect(typeof lookup(t, 'cases.title')).toBe('string')
    }
  })
})
