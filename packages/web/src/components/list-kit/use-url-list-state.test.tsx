import { describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { MemoryRouter, useLocation } from 'react-router-dom'
import { useUrlListState } from './use-url-list-state'

function Probe() {
  const list = useUrlListState({ filters: ['status', 'region'] })
  const location = useLocation()
  return (
    <div>
      <output data-testid="state">
        {JSON.stringify({
          page: list.page,
          pageSize: list.pageSize,
          search: list.search,
          filters: list.filters,
          filtered: list.filtered,
        })}
      </output>
      <output data-testid="url">{location.search}</output>
      <button
        onClick={() => {
          list.setFilters({ status: 'closed', search: '  王  ' })
        }}
      >
        filter
      </button>
      <button
        onClick={() => {
          list.setFilters({ region: '', status: undefined })
        }}
      >
        unfilter
      </button>
      <button
        onClick={() => {
          list.setPaging(4, 20)
        }}
      >
        page4
      </button>
      <button
        onClick={() => {
          list.setPaging(4, 50)
        }}
      >
        size50
      </button>
      <button onClick={list.clear}>clear</button>
    </div>
  )
}

function open(url: string) {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Probe />
    </MemoryRouter>,
  )
  const state = () => JSON.parse(screen.getByTestId('state').textContent ?? '{}') as Record<string, unknown>
  const url_ = () => new URLSearchParams(screen.getByTestId('url').textContent ?? '')
  return { state, url: url_ }
}

describe('useUrlListState', () => {
  it('reads page, size, search and the declared filters from the URL', () => {
    const { state } = open('/x?q=%20abc%20&page=3&pageSize=50&status=open&other=1')
    expect(state()).toEqual({
      page: 3,
      pageSize: 50,
      search: 'abc',
      filters: { status: 'open' },
      filtered: true,
    })
  })

  it('falls back on defaults for missing or nonsense values, and caps the page size', () => {
    expect(open('/x?page=-2&pageSize=abc').state()).toMatchObject({ page: 1, pageSize: 20, filtered: false })
    cleanup()
    expect(open('/x?pageSize=100000').state()).toMatchObject({ pageSize: 200 })
  })

  it('round-trips: a filter change lands in the URL (page reset, other parameters kept) and reads back', () => {
    const { state, url } = open('/x?page=3&other=1&region=110101')
    fireEvent.click(screen.getByText('filter'))
    expect(Object.fromEntries(url())).toEqual({ other: '1', region: '110101', status: 'closed', q: '王' })
    expect(state()).toMatchObject({ page: 1, search: '王', filters: { region: '110101', status: 'closed' } })

    fireEvent.click(screen.getByText('page4'))
    expect(url().get('page')).toBe('4')
    expect(state()).toMatchObject({ page: 4, pageSize: 20 })

    // A new page size starts again at page 1; the default size is not written.
    fireEvent.click(screen.getByText('size50'))
    expect(url().get('page')).toBeNull()
    expect(state()).toMatchObject({ page: 1, pageSize: 50 })

    fireEvent.click(screen.getByText('unfilter'))
    expect(Object.fromEntries(url())).toEqual({ other: '1', q: '王', pageSize: '50' })

    fireEvent.click(screen.getByText('clear'))
    expect(Object.fromEntries(url())).toEqual({ other: '1', pageSize: '50' })
    expect(state()).toMatchObject({ search: '', filters: {}, filtered: false })
  })
})
