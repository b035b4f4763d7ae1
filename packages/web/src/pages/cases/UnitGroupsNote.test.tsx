import { beforeEach, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { CaseRoutes, type Investigation } from '@lianfang/contracts'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import { InvestigationPanel } from './InvestigationPanel'
import { GENERAL_SUMMARY, INVESTIGATION } from './__fixtures__/investigation'

const teammate = INVESTIGATION.candidates[0]!
/** Case 7 with a 12-person team and a class of 160 (CC.SETTINGS 4). */
const WITH_UNITS: Investigation = {
  ...INVESTIGATION,
  candidates: [
    {
      ...teammate,
      strongest: { rule: 'workplace', groupId: '90' },
      reasons: [{ rule: 'workplace', groupId: '90' }],
    },
  ],
  groups: [
    { rule: 'workplace', groupId: '90', name: '总装二班', members: 12, large: false },
    { rule: 'school_class', groupId: '91', name: '阶梯教室大班', members: 160, large: true },
  ],
}

describe('the case’s work unit and class in the investigation', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
    api.route(CaseRoutes.generalContactsSummary, () => GENERAL_SUMMARY)
  })

  it('names the unit in the reason, gives its size, and warns about a large one', async () => {
    api.route(CaseRoutes.investigation, () => WITH_UNITS)
    renderPage(api, <InvestigationPanel caseId="7" />, { url: '/cases/7', path: '/cases/:id' })
    await waitFor(() => {
      expect(screen.getByTestId('unit-groups')).toBeTruthy()
    })
    const table = screen.getByTestId('investigation-candidates')
    expect(within(table).getByText('同一工作单位 · 总装二班')).toBeTruthy()
    expect(screen.getByTestId('unit-groups').textContent).toContain('工作单位：总装二班（12 人）')
    expect(screen.getByTestId('unit-group-large').textContent).toContain('阶梯教室大班')
    expect(screen.getByTestId('unit-group-large').textContent).toContain('160')
  })

  it('says nothing when the case has no unit', async () => {
    api.route(CaseRoutes.investigation, () => INVESTIGATION)
    renderPage(api, <InvestigationPanel caseId="7" />, { url: '/cases/7', path: '/cases/:id' })
    await waitFor(() => {
      expect(screen.getByTestId('investigation-candidates')).toBeTruthy()
    })
    expect(screen.queryByTestId('unit-groups')).toBeNull()
  })
})
