import { describe, expect, it, vi } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import {
  SamplingRoutes,
  type Campaign,
  type CampaignProgress,
  type MissingPage,
  type PoolAdvice,
} from '@lianfang/contracts'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { renderPage } from '../../testing/render'
import { expectParity } from '../../i18n/parity'
import zhCN from './sampling.zh-CN.json'
import en from './sampling.en.json'
import CampaignPage from './CampaignPage'

vi.mock('echarts-for-react', () => ({
  default: ({ option }: { option: { series: { data: number[] }[] } }) => (
    <div data-testid="campaign-progress-chart">{JSON.stringify(option.series.map((s) => s.data))}</div>
  ),
}))

const WAIT = { timeout: 5000 }
const C0 = '420106001001'
const C1 = '420106001002'
const CAMPAIGN: Campaign = {
  id: '5',
  regionCode: '420106001',
  regionName: '测试街道',
  name: '第一轮全员检测',
  startsOn: '2026-12-08',
  endsOn: '2026-12-10',
  status: 'planned',
  sites: [{ id: '7', name: '人民路采样点', regionCode: C0 }],
  areas: [
    {
      regionCode: C0,
      regionName: '一社区',
      risk: 'low',
      poolSize: 10,
      defaultSize: 10,
      allowedSizes: [1, 5, 10],
    },
    { regionCode: C1, regionName: '二社区', risk: 'high', poolSize: 1, defaultSize: 1, allowedSizes: [1] },
  ],
  population: 5,
  createdAt: '2026-12-07T00:00:00.000Z',
  closedAt: null,
}
const ADVICE: PoolAdvice = {
  regionCode: '420106001',
  regionName: '测试街道',
  ruleSetVersion: 'FK8@1',
  risk: 'low',
  keyArea: false,
  windowDays: 14,
  tested: 0,
  positives: 0,
  prevalence: 0.001,
  assay: { sensitivity: 0.95, specificity: 0.999 },
  figures: [
    { size: 1, expectedTestsPerPerson: 1, testsPer1000: 1000 },
    { size: 5, expectedTestsPerPerson: 0.2057, testsPer1000: 205.7 },
    { size: 10, expectedTestsPerPerson: 0.1104, testsPer1000: 110.4 },
  ],
  allowedSizes: [1, 5, 10],
  recommended: 10,
  dilutionAllowed: false,
  dilutionMaxPrevalence: 0.001,
}
const progress = (tested: number): CampaignProgress => ({
  campaignId: '5',
  status: 'running',
  computedAt: new Date().toISOString(),
  totals: { population: 5, tested, unreachable: 1, notYet: 4 - tested },
  communities: [
    { regionCode: C0, regionName: '一社区', population: 3, tested, unreachable: 1, notYet: 2 - tested },
    { regionCode: C1, regionName: '二社区', population: 2, tested: 0, unreachable: 0, notYet: 2 },
  ],
})
const MISSING: MissingPage = {
  items: [
    {
      personId: '41',
      nameMasked: '赵*',
      phoneMasked: '139****0001',
      idNumberMasked: '420106********0011',
      regionCode: C1,
      regionName: '二社区',
      unreachable: false,
      unreachableNote: null,
    },
  ],
  total: 1,
  page: 1,
  pageSize: 20,
}

function serve(api: FakeApi) {
  let c = { ...CAMPAIGN }
  let tested = 1
  api.route(SamplingRoutes.getCampaign, () => c)
  api.route(SamplingRoutes.startCampaign, () => (c = { ...c, status: 'running' }))
  api.route(SamplingRoutes.poolAdvice, () => ADVICE)
  api.route(SamplingRoutes.progress, () => progress(tested++))
  api.route(SamplingRoutes.missing, () => MISSING)
  api.route(SamplingRoutes.markUnreachable, () => ({ ok: true }))
}

describe('CampaignPage (全员检测)', () => {
  it('has every string in both languages', () => {
    expectParity(zhCN, en)
  })

  it('shows pool sizes by risk, the advice figures, progress as a table and a chart; starts after a confirmation', async () => {
    const api = installFakeApi()
    serve(api)
    renderPage(api, <CampaignPage />, { url: '/campaigns/5', path: '/campaigns/:id', role: 'commander' })
    const areas = await screen.findByTestId('campaign-areas', {}, WAIT)
    expect(areas.textContent).toContain('10 合 1')
    expect(areas.textContent).toContain('高风险')
    expect(areas.textContent).toContain('单管单检')
    const advice = await screen.findByTestId('pool-advice-figures', {}, WAIT)
    expect(advice.textContent).toContain('0.110')
    expect(advice.textContent).toContain('建议')
    expect(screen.getByTestId('pool-advice-dilution').textContent).toContain('不允许')
    const total = await screen.findByTestId('campaign-progress-total', {}, WAIT)
    expect(total.textContent).toContain('合计')
    expect(screen.getByTestId('campaign-progress-chart').textContent).toBe('[[1,0],[1,0],[1,2]]')
    // A commander reads counts, not names.
    expect(screen.queryByTestId('campaign-missing')).toBeNull()
    fireEvent.click(screen.getByTestId('campaign-transition'))
    fireEvent.click(await screen.findByTestId('campaign-transition-confirm', {}, WAIT))
    expect(api.requests.some((r) => r.path === '/api/campaigns/5/start')).toBe(false)
    fireEvent.click(await screen.findByTestId('campaign-transition-confirm-danger', {}, WAIT))
    await waitFor(() => {
      expect(screen.getByTestId('campaign-status').textContent).toBe('进行中')
    }, WAIT)
    expect(api.requests.filter((r) => r.path === '/api/campaigns/5/start')).toHaveLength(1)
  })

  it('a community worker sees who is missing, masked, and marks someone unreachable with a note', async () => {
    const api = installFakeApi()
    serve(api)
    renderPage(api, <CampaignPage />, {
      url: '/campaigns/5',
      path: '/campaigns/:id',
      role: 'community_worker',
    })
    const table = await screen.findByTestId('campaign-missing-table', {}, WAIT)
    await waitFor(() => {
      expect(table.textContent).toContain('赵*')
    }, WAIT)
    expect(screen.queryByTestId('campaign-transition')).toBeNull()
    fireEvent.click(within(table).getByTestId('missing-mark-41'))
    const note = await screen.findByLabelText('说明', {}, WAIT)
    expect((note as HTMLInputElement).value).toBe('')
    fireEvent.change(note, { target: { value: '外出务工' } })
    fireEvent.click(await screen.findByTestId('missing-mark-41-confirm', {}, WAIT))
    await waitFor(() => {
      expect(api.requests.find((r) => r.path === '/api/campaigns/5/unreachable')?.body).toEqual({
        personId: '41',
        unreachable: true,
        note: '外出务工',
      })
    }, WAIT)
  })
})
