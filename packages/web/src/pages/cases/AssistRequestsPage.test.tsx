import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { CaseRoutes } from '@lianfang/contracts'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { currentUrl, renderPage } from '../../testing/render'
import AssistRequestsPage from './AssistRequestsPage'
import { INCOMING, OUTGOING } from './__fixtures__/assist-requests'

function serve(api: FakeApi, incoming = INCOMING, outgoing = OUTGOING) {
  api.route(CaseRoutes.assistRequests, ({ query }) =>
    query.get('direction') === 'outgoing' ? [...outgoing] : [...incoming],
  )
}

/** The "from region" cell of each row of a tab's table. */
const fromRegions = (direction: string) =>
  within(screen.getByTestId(`assist-${direction}`))
    .queryAllByRole('row')
    .slice(1)
    .map((r) => r.querySelector('td:nth-child(2)')?.textContent)

describe('AssistRequestsPage', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
  })

  it('lists incoming requests and filters them by status through the URL', async () => {
    serve(api)
    renderPage(api, <AssistRequestsPage />, { url: '/assist-requests', path: '/assist-requests' })
    await waitFor(() => {
      expect(fromRegions('incoming')).toEqual(['420102', '420103', '420104'])
    })
    expect(api.requests.find((r) => r.path === '/api/assist-requests')?.query.get('direction')).toBe(
      'incoming',
    )

    fireEvent.mouseDown(within(screen.getByTestId('assist-status')).getByRole('combobox'))
    fireEvent.click(await screen.findByTitle('已接收'))
    await waitFor(() => {
      expect(fromRegions('incoming')).toEqual(['420103'])
    })
    expect(Object.fromEntries(currentUrl().searchParams)).toEqual({ status: 'acknowledged' })
  })

  it('explains an empty filtered list and offers to clear the filter (the tab stays)', async () => {
    serve(api)
    renderPage(api, <AssistRequestsPage />, {
      url: '/assist-requests?direction=outgoing&status=closed',
      path: '/assist-requests',
    })
    const empty = await screen.findByTestId('paged-table-empty')
    await waitFor(() => {
      expect(empty.textContent).toContain('没有符合当前搜索或筛选条件的记录')
    })
    fireEvent.click(screen.getByTestId('paged-table-clear'))
    await waitFor(() => {
      expect(fromRegions('outgoing')).toEqual(['110101'])
    })
    expect(Object.fromEntries(currentUrl().searchParams)).toEqual({ direction: 'outgoing' })
  })

  it('switches tabs through the URL, and says why a tab is empty', async () => {
    serve(api, INCOMING, [])
    renderPage(api, <AssistRequestsPage />, {
      url: '/assist-requests?status=open&page=2',
      path: '/assist-requests',
    })
    await screen.findByTestId('assist-incoming')
    fireEvent.click(screen.getByTestId('assist-tab-outgoing'))
    await waitFor(() => {
      expect(Object.fromEntries(currentUrl().searchParams)).toEqual({ direction: 'outgoing' })
    })
    const empty = await screen.findByTestId('paged-table-empty')
    await waitFor(() => {
      expect(empty.textContent).toContain('本地区尚未发出协查请求')
    })
    expect(screen.queryByTestId('paged-table-clear')).toBeNull()
  })

  it('pages the answer in the URL', async () => {
    const many = Array.from({ length: 25 }, (_, i) => ({
      ...INCOMING[0]!,
      id: String(i + 1),
      fromRegion: `4201${String(i).padStart(2, '0')}`,
    }))
    serve(api, many)
    renderPage(api, <AssistRequestsPage />, { url: '/assist-requests?page=2', path: '/assist-requests' })
    await waitFor(() => {
      expect(fromRegions('incoming')).toEqual(['420120', '420121', '420122', '420123', '420124'])
    })
  })
})
