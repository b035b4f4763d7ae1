import { beforeEach, describe, expect, it } from 'vitest'
import { screen } from '@testing-library/react'
import { CaseRoutes, type SecondaryInvestigation } from '@lianfang/contracts'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import zh from '../../i18n/cases.zh-CN.json'
import { SecondaryContactsPanel } from './SecondaryContactsPanel'

const INVESTIGATION: SecondaryInvestigation = {
  caseId: '7',
  ruleSetVersion: 'FK8@1',
  managed: true,
  observationDays: 7,
  note: null,
  traced: [],
  skipped: [
    { contactId: '1', personId: null, regionCode: '420106001001', reason: 'other_region', params: {} },
    { contactId: '2', personId: '12', regionCode: '110101001', reason: 'too_many', params: { limit: 200 } },
    { contactId: '3', personId: '13', regionCode: '110101001', reason: 'no_interval', params: {} },
  ],
  candidates: [],
  venues: [],
}

/** Issue #16: why a close contact was not traced is worded by the console, in its language. */
describe('SecondaryContactsPanel', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
    api.on('GET', '/api/citizen/regions/tree', ({ query }) => ({
      code: query.get('root') ?? '',
      name: '某社区',
      level: 'community',
      children: [],
    }))
  })

  it('words each skipped close contact from its reason code and params, with no English', async () => {
    api.route(CaseRoutes.secondary, () => INVESTIGATION)
    renderPage(api, <SecondaryContactsPanel caseId="7" bufferMinutes={30} />, {
      url: '/cases/7',
      path: '/cases/:id',
    })
    const skip = zh.investigation.secondary.skip
    expect((await screen.findByTestId('secondary-skipped-other_region')).textContent).toBe(skip.other_region)
    expect(screen.getByTestId('secondary-skipped-too_many').textContent).toBe(
      skip.too_many.replace('{{limit}}', '200'),
    )
    expect(screen.getByTestId('secondary-skipped-no_interval').textContent).toBe(skip.no_interval)
    expect(screen.getByTestId('secondary-panel').textContent).not.toMatch(/traced|interval|region/i)
  })

  it('a rule set without secondary contacts says so in the console’s words, not the server’s note', async () => {
    api.route(CaseRoutes.secondary, () => ({
      ...INVESTIGATION,
      managed: false,
      observationDays: 0,
      note: 'the rule set in force does not manage secondary contacts',
      skipped: [],
    }))
    renderPage(api, <SecondaryContactsPanel caseId="7" bufferMinutes={30} />, {
      url: '/cases/7',
      path: '/cases/:id',
    })
    const alert = await screen.findByTestId('secondary-not-managed')
    expect(alert.textContent).toContain(zh.investigation.secondary.notManaged)
    expect(alert.textContent).toContain('现行规则：第八版防控方案（预置）')
    expect(alert.textContent).not.toContain('does not manage')
  })
})
