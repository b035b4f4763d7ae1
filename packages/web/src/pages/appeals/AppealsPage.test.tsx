import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { Appeal, DecideAppealBody } from '@lianfang/contracts'
import type { AppealPage } from '../../api/types'
import { installFakeApi, type FakeApi } from '../../testing/fake-api'
import { currentUrl, renderPage } from '../../testing/render'
import AppealsPage from './AppealsPage'
import { APPEALS } from './__fixtures__/appeals'

/** The appeals routes over an in-memory copy of the fixtures; a decision changes the copy. */
function serve(api: FakeApi, initial: readonly Appeal[]) {
  const appeals = initial.map((a) => ({ ...a }))
  api.on('GET', '/api/appeals', ({ query }): AppealPage => {
    const status = query.get('status')
    const items = appeals.filter((a) => status === null || a.status === status)
    return { items, total: items.length, page: 1, pageSize: 20 }
  })
  api.on('GET', '/api/appeals/:id', ({ params }) => appeals.find((a) => a.id === params.id))
  api.on('POST', '/api/appeals/:id/decide', ({ params, body }) => {
    const a = appeals.find((x) => x.id === params.id)
    if (a === undefined) throw new Error('no such appeal')
    const decision = body as DecideAppealBody
    a.status = decision.decision
    a.decisionNote = decision.note
    return a
  })
  return appeals
}

const rowNames = () =>
  within(screen.getByTestId('appeals-table'))
    .queryAllByRole('row')
    .slice(1)
    .map((r) => r.querySelector('td:nth-child(2)')?.textContent)

describe('AppealsPage', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
  })

  it('opens on the queue of open appeals, and says so when it is empty', async () => {
    serve(
      api,
      APPEALS.filter((a) => a.status !== 'open'),
    )
    renderPage(api, <AppealsPage />, { url: '/appeals', path: '/appeals' })
    const empty = await screen.findByTestId('paged-table-empty')
    await waitFor(() => {
      expect(empty.textContent).toContain('没有待处理的申诉')
    })
    expect(api.requests.find((r) => r.path === '/api/appeals')?.query.get('status')).toBe('open')
  })

  it('lists every status through the URL, then a review decides an appeal and leaves the queue', async () => {
    const store = serve(api, APPEALS)
    renderPage(api, <AppealsPage />, { url: '/appeals', path: '/appeals' })
    await waitFor(() => {
      expect(rowNames()).toEqual(['王小明', '李娜'])
    })

    fireEvent.click(within(screen.getByTestId('appeals-status')).getByText('全部'))
    await waitFor(() => {
      expect(rowNames()).toEqual(['王小明', '李娜', '赵强'])
    })
    expect(currentUrl().searchParams.get('status')).toBe('all')

    fireEvent.click(screen.getByTestId('appeal-open-2'))
    expect(currentUrl().searchParams.get('appeal')).toBe('2')
    const detail = await screen.findByTestId('appeal-detail')
    expect(detail.textContent).toContain('核酸已转阴，请复核。')
    fireEvent.click(within(detail).getByText('驳回'))
    fireEvent.change(within(detail).getByTestId('appeal-note'), { target: { value: '结果尚未出具' } })
    fireEvent.click(within(detail).getByTestId('appeal-decide-submit'))

    await waitFor(() => {
      expect(currentUrl().searchParams.get('appeal')).toBeNull()
    })
    expect(store.find((a) => a.id === '2')).toMatchObject({
      status: 'rejected',
      decisionNote: '结果尚未出具',
    })
    const decided = api.requests.find((r) => r.method === 'POST')
    expect(decided?.body).toEqual({ decision: 'rejected', note: '结果尚未出具' })
  })
})
