import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { CaseRoutes, type CaseRecord } from '@lianfang/contracts'
import { errorReply, installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import { CaseClocks } from './CaseClocks'

/** CASE.REPORT: diagnosed 00:00, reported 02:30 (due 02:00, 30 min late); investigation due 02:30 next day. */
const CASE: CaseRecord = {
  id: '7',
  personId: '42',
  personName: '张三',
  regionCode: '420102001001',
  status: 'confirmed',
  severity: 'mild',
  origin: 'local',
  onsetAt: '2026-10-19T02:00:00.000Z',
  firstPositiveSampleAt: null,
  isolatedAt: null,
  isolationPlace: null,
  outcome: null,
  outcomeAt: null,
  diagnosedAt: '2026-10-20T00:00:00.000Z',
  reportedAt: '2026-10-20T02:30:00.000Z',
  investigationCompletedAt: null,
  deadlines: {
    report: { dueAt: '2026-10-20T02:00:00.000Z', doneAt: '2026-10-20T02:30:00.000Z', overdue: true },
    investigation: { dueAt: '2026-10-21T02:30:00.000Z', doneAt: null, overdue: true },
  },
  version: 1,
  history: [],
}

describe('CaseClocks (CASE.REPORT: report 2 h after diagnosis, investigation 24 h after the report)', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
  })

  it('shows due and done times and how late, and completes the investigation after a confirmation', async () => {
    let calls = 0
    api.route(CaseRoutes.investigationComplete, (): CaseRecord => {
      calls++
      return {
        ...CASE,
        investigationCompletedAt: '2026-10-21T05:30:00.000Z',
        deadlines: {
          ...CASE.deadlines,
          investigation: { ...CASE.deadlines.investigation, doneAt: '2026-10-21T05:30:00.000Z' },
        },
      }
    })
    renderPage(api, <CaseClocks c={CASE} canWrite />, {
      url: '/cases/7',
      path: '/cases/:id',
      role: 'epidemiologist',
    })
    const report = await screen.findByTestId('case-clock-report')
    expect(report.textContent).toContain('超时 30 分钟')
    expect(report.textContent).toContain('2026/10/20 10:00:00')
    expect(screen.getByTestId('case-clock-investigation').textContent).toContain('尚未完成')
    expect(screen.getByTestId('case-clock-investigation').textContent).toContain('已超时')
    fireEvent.click(screen.getByTestId('case-investigation-complete'))
    fireEvent.click(await screen.findByTestId('case-investigation-complete-ok'))
    await waitFor(() => {
      expect(calls).toBe(1)
    })
  })

  it('a second completion (409) is shown, translated', async () => {
    api.route(CaseRoutes.investigationComplete, () => errorReply(409, 'CONFLICT', 'already completed'))
    renderPage(api, <CaseClocks c={CASE} canWrite />, {
      url: '/cases/7',
      path: '/cases/:id',
      role: 'epidemiologist',
    })
    fireEvent.click(await screen.findByTestId('case-investigation-complete'))
    fireEvent.click(await screen.findByTestId('case-investigation-complete-ok'))
    await screen.findByText(/操作与当前记录状态冲突/)
  })

  it('no action for readers (case:read only)', async () => {
    renderPage(api, <CaseClocks c={CASE} canWrite={false} />, {
      url: '/cases/7',
      path: '/cases/:id',
      role: 'commander',
    })
    await screen.findByTestId('case-clocks')
    expect(screen.queryByTestId('case-investigation-complete')).toBeNull()
  })
})
