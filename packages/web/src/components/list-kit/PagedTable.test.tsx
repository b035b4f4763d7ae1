import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { MemoryRouter, useLocation } from 'react-router-dom'
import { ApiError } from '../../api/client'
import { PagedTable, type PageOf } from './PagedTable'
import { useUrlListState } from './use-url-list-state'

interface Row {
  id: string
  name: string
}

type Query = { data: PageOf<Row> | undefined; isFetching: boolean; isError: boolean; error: Error | null }

function Harness({ query }: { query: Query }) {
  const list = useUrlListState({ filters: ['status'] })
  const location = useLocation()
  return (
    <>
      <output data-testid="url">{location.search}</output>
      <PagedTable<Row>
        query={query}
        list={list}
        rowKey="id"
        columns={[{ title: 'Name', dataIndex: 'name', key: 'name' }]}
        emptyText="No rows yet: add one with the button above."
        data-testid="rows"
      />
    </>
  )
}

function show(url: string, query: Query) {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Harness query={query} />
    </MemoryRouter>,
  )
}

const loaded = (items: Row[], total = items.length): Query => ({
  data: { items, total },
  isFetching: false,
  isError: false,
  error: null,
})

describe('PagedTable', () => {
  it('explains an empty list with the page’s own words when nothing narrows it', () => {
    show('/rows', loaded([]))
    expect(screen.getByTestId('paged-table-empty').textContent).toContain(
      'No rows yet: add one with the button above.',
    )
    expect(screen.queryByTestId('paged-table-clear')).toBeNull()
  })

  it('says the filters match nothing, and clears them (keeping the rest of the URL)', () => {
    show('/rows?q=zz&status=open&page=2&keep=1', loaded([]))
    const empty = screen.getByTestId('paged-table-empty')
    expect(empty.textContent).toContain('没有符合当前搜索或筛选条件的记录')
    expect(empty.textContent).not.toContain('No rows yet')
    fireEvent.click(within(empty).getByTestId('paged-table-clear'))
    expect(screen.getByTestId('url').textContent).toBe('?keep=1')
  })

  it('shows the server’s refusal above the table instead of an empty list', () => {
    show('/rows', {
      data: undefined,
      isFetching: false,
      isError: true,
      error: new ApiError(403, 'FORBIDDEN', 'no'),
    })
    expect(screen.getByTestId('error-alert').textContent).toContain('无权')
    expect(screen.getByTestId('paged-table-empty').textContent).toContain('列表未能加载')
  })

  it('renders the rows and the server total, and pages through the URL', () => {
    show(
      '/rows',
      loaded(
        [
          { id: '1', name: '张三' },
          { id: '2', name: '李四' },
        ],
        45,
      ),
    )
    const table = screen.getByTestId('rows')
    expect(within(table).getByText('张三')).toBeTruthy()
    expect(screen.getByText('共 45 条')).toBeTruthy()
    fireEvent.click(screen.getByTitle('3'))
    expect(screen.getByTestId('url').textContent).toBe('?page=3')
  })
})
