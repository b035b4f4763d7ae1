import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { PersonPage } from '@lianfang/contracts'
import { errorReply, installFakeApi, type FakeApi } from '../../testing/fake-api'
import { currentUrl, renderPage } from '../../testing/render'
import PersonsPage from './PersonsPage'
import { PERSONS, REGION_TREE } from './__fixtures__/persons'

/** The register's search as the server does it: name prefix, phone or ID number; region subtree; pages. */
function serve(api: FakeApi) {
  api.on('GET', '/api/regions/tree', () => REGION_TREE)
  api.on('GET', '/api/persons', ({ query }): PersonPage => {
    const q = query.get('q')
    const region = query.get('regionCode')
    const page = Number(query.get('page') ?? '1')
    const pageSize = Number(query.get('pageSize') ?? '20')
    const matching = PERSONS.filter(
      (p) => (q === null || p.name.startsWith(q)) && (region === null || p.regionCode.startsWith(region)),
    )
    return {
      items: matching.slice((page - 1) * pageSize, page * pageSize),
      total: matching.length,
      page,
      pageSize,
    }
  })
}

const rowNames = () =>
  within(screen.getByTestId('persons-table'))
    .queryAllByRole('link')
    .map((a) => a.textContent)

describe('PersonsPage', () => {
  let api: FakeApi
  beforeEach(() => {
    api = installFakeApi()
    serve(api)
  })

  it('opens on the search and page the URL holds (Back and refresh keep them)', async () => {
    renderPage(api, <PersonsPage />, { url: '/persons?q=王&pageSize=2&page=2', path: '/persons' })
    await waitFor(() => {
      expect(rowNames()).toEqual(['王建国'])
    })
    const asked = api.requests.find((r) => r.path === '/api/persons')
    expect(Object.fromEntries(asked?.query ?? [])).toEqual({ q: '王', page: '2', pageSize: '2' })
    expect(screen.getByTestId('persons-search').querySelector('input')?.value).toBe('王')
    expect(screen.getByText('共 3 条')).toBeTruthy()
  })

  it('puts a new search in the URL, back on page 1, and shows what the server found', async () => {
    renderPage(api, <PersonsPage />, { url: '/persons?page=2', path: '/persons' })
    await waitFor(() => {
      expect(rowNames()).toHaveLength(3)
    })
    const box = screen.getByTestId('persons-search').querySelector('input')
    if (box === null) throw new Error('no search input')
    fireEvent.change(box, { target: { value: '王芳' } })
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 })
    await waitFor(() => {
      expect(rowNames()).toEqual(['王芳'])
    })
    const url = currentUrl()
    expect(url.searchParams.get('q')).toBe('王芳')
    expect(url.searchParams.get('page')).toBeNull()
    expect(screen.getByTestId('person-link-2').getAttribute('href')).toBe('/persons/2')
  })

  it('says when a search matches nobody, and clearing it brings the register back', async () => {
    renderPage(api, <PersonsPage />, { url: '/persons?q=赵', path: '/persons' })
    const empty = await screen.findByTestId('paged-table-empty')
    await waitFor(() => {
      expect(empty.textContent).toContain('没有符合当前搜索或筛选条件的记录')
    })
    fireEvent.click(within(empty).getByTestId('paged-table-clear'))
    await waitFor(() => {
      expect(rowNames()).toHaveLength(20)
    })
    expect(currentUrl().search).toBe('')
    expect(screen.getByText('共 23 条')).toBeTruthy()
  })

  it('shows the server’s refusal instead of an empty register', async () => {
    api.on('GET', '/api/persons', () => errorReply(403, 'OUT_OF_SCOPE', 'region outside your scope'))
    renderPage(api, <PersonsPage />, { url: '/persons', path: '/persons' })
    expect((await screen.findByTestId('error-alert')).textContent).toContain('OUT_OF_SCOPE')
    expect(api.unhandled).toEqual([])
  })
})
