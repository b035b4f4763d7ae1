import { beforeEach, describe, expect, it } from 'vitest'
import { screen } from '@testing-library/react'
import { CaseRoutes } from '@lianfang/contracts'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import { GeneralContactsPanel } from './GeneralContactsPanel'
import { GENERAL, GENERAL_SUMMARY } from './__fixtures__/investigation'

/** RULES.md GC.DEF: general contacts get a health-risk notice and monitor themselves. */
describe('GeneralContactsPanel', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
    api.route(CaseRoutes.generalContactsSummary, () => GENERAL_SUMMARY)
    api.route(CaseRoutes.generalContacts, () => ({
      caseId: '7',
      venueId: null,
      total: 1,
      offset: 0,
      limit: 20,
      items: [GENERAL],
    }))
  })

  it('shows the health-risk notice to give every general contact (GC.DEF), ready to copy', async () => {
    renderPage(
      api,
      <GeneralContactsPanel
        caseId="7"
        bufferMinutes={30}
        venueNames={new Map([['41', '国贸写字楼']])}
        taken={new Set()}
        onTake={() => undefined}
      />,
      { url: '/cases/7', path: '/cases/:id' },
    )
    const notice = await screen.findByTestId('general-notice')
    expect(notice.textContent).toContain('健康风险告知')
    expect(notice.textContent).toContain('自我健康监测')
    expect(notice.textContent).toContain('发热门诊')
    expect(screen.getByText('健康风险告知（请告知每位一般接触者）')).toBeTruthy()
  })
})
