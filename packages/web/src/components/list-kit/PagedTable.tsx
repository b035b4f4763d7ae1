import type { ReactNode } from 'react'
import { Button, Empty, Table, type TableProps } from 'antd'
import type { UseQueryResult } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../ErrorAlert'
import { PAGE_SIZES, type UrlListState } from './use-url-list-state'

/** What a paged list route answers (`{ items, total }`, with page and size echoed or not). */
export interface PageOf<T> {
  readonly items: readonly T[]
  readonly total: number
}

export interface PagedTableProps<T> {
  /** The list query: its data, loading and error drive the table. */
  readonly query: Pick<UseQueryResult<PageOf<T>>, 'data' | 'isFetching' | 'isError' | 'error'>
  readonly list: UrlListState<string>
  readonly columns: TableProps<T>['columns']
  readonly rowKey: Extract<keyof T, string> | ((row: T) => string)
  /** Why the list is empty when nothing narrows it, in the user's language ("No cases yet: …"). */
  readonly emptyText: ReactNode
  readonly size?: 'small' | 'middle'
  readonly 'data-testid'?: string
  readonly expandable?: TableProps<T>['expandable']
  readonly rowSelection?: TableProps<T>['rowSelection']
  readonly onRow?: TableProps<T>['onRow']
  /** Shown between the filters and the table (bulk actions on the selection). */
  readonly toolbar?: ReactNode
}

/**
 * An antd table paged by the server through the URL list state: a failed load shows the error
 * above it, and an empty list explains itself — nothing recorded yet, or nothing matching the
 * search and filters (with a button to clear them).
 */
export function PagedTable<T extends object>(props: PagedTableProps<T>) {
  const { t } = useTranslation()
  const { query, list } = props
  const empty = query.isError ? (
    <Empty description={t('listKit.loadFailed')} data-testid="paged-table-empty" />
  ) : list.filtered ? (
    <Empty description={t('listKit.noMatch')} data-testid="paged-table-empty">
      <Button onClick={list.clear} data-testid="paged-table-clear">
        {t('listKit.clearFilters')}
      </Button>
    </Empty>
  ) : (
    <Empty description={props.emptyText} data-testid="paged-table-empty" />
  )
  return (
    <>
      {query.isError && <ErrorAlert error={query.error} />}
      {props.toolbar}
      <Table<T>
        rowKey={props.rowKey}
        size={props.size ?? 'middle'}
        columns={props.columns ?? []}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: empty }}
        {...(props.expandable === undefined ? {} : { expandable: props.expandable })}
        {...(props.rowSelection === undefined ? {} : { rowSelection: props.rowSelection })}
        {...(props.onRow === undefined ? {} : { onRow: props.onRow })}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [...PAGE_SIZES],
          showTotal: (total) => t('common.total', { total }),
          onChange: list.setPaging,
        }}
        {...(props['data-testid'] === undefined ? {} : { 'data-testid': props['data-testid'] })}
      />
    </>
  )
}
