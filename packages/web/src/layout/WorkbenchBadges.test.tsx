import { beforeEach, describe, expect, it } from 'vitest'
import { screen } from '@testing-library/react'
import { CaseRoutes, type CasePage } from '@lianfang/contracts'
import type { Static } from '@sinclair/typebox'
import { PERMISSIONS } from '@lianfang/core'
import { installFakeApi, type FakeApi } from '../testing/fake-api'
import { renderPage } from '../testing/render'
import { resources } from '../i18n'
import { leaves, type Tree } from '../i18n/parity'
import zh from '../i18n/cases.zh-CN.json'
import { WEB_MODULES } from '../modules'
import { WorkbenchPage } from './WorkbenchPage'
import { badgesFor } from './WorkbenchBadges'

const page = (total: number): Static<typeof CasePage> => ({ items: [], total, page: 1, pageSize: 1 })

/** Issue #16: the epidemiologists' waiting work (CASE.REPORT 2 h / 24 h) counted on the workbench. */
describe('workbench badges', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
    api.route(CaseRoutes.list, ({ query }) => page(query.get('overdue') === 'investigation' ? 3 : 0))
  })

  it('a role with case:write sees the overdue counts, each linking to the filtered cases list', async () => {
    renderPage(api, <WorkbenchPage />, { url: '/home', path: '/home', role: 'epidemiologist' })
    const investigation = await screen.findByTestId('badge-casesOverdueInvestigation')
    expect(investigation.getAttribute('href')).toBe('/cases?overdue=investigation')
    expect(investigation.textContent).toContain(zh.cases.badge.overdueInvestigation)
    expect(await screen.findByText('3')).toBeTruthy()
    const report = screen.getByTestId('badge-casesOverdueReport')
    expect(report.getAttribute('href')).toBe('/cases?overdue=report')
    expect(report.textContent).toContain(zh.cases.badge.overdueReport)
    // One cheap page each: only the total is read.
    const asked = api.requests.filter((r) => r.path === '/api/cases')
    expect(asked.map((r) => [r.query.get('overdue'), r.query.get('pageSize')]).sort()).toEqual([
      ['investigation', '1'],
      ['report', '1'],
    ])
  })

  it('a role without case:write sees none and asks nothing', async () => {
    renderPage(api, <WorkbenchPage />, { url: '/home', path: '/home', role: 'community_worker' })
    await screen.findByTestId('workbench')
    expect(screen.queryByTestId('workbench-badges')).toBeNull()
    expect(api.requests.some((r) => r.path === '/api/cases')).toBe(false)
  })

  it('every module badge has a known permission, a unique key, a label in both languages and a routed path', () => {
    const badges = badgesFor(PERMISSIONS)
    expect(badges.length).toBeGreaterThan(0)
    expect(new Set(badges.map((b) => b.key)).size).toBe(badges.length)
    const zhKeys = leaves(resources['zh-CN'].translation as Tree)
    const enKeys = leaves(resources.en.translation as Tree)
    const routes = WEB_MODULES.flatMap((m) => m.routes.map((r) => `/${r.path}`))
    for (const b of badges) {
      expect(PERMISSIONS).toContain(b.permission)
      expect(zhKeys.has(b.label), b.label).toBe(true)
      expect(enKeys.has(b.label), b.label).toBe(true)
      expect(routes).toContain(b.path.split('?')[0])
    }
  })
})
