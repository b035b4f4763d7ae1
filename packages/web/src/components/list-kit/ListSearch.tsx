import { useEffect, useState, type CSSProperties } from 'react'
import { Input } from 'antd'
import { useTranslation } from 'react-i18next'
import type { UrlListState } from './use-url-list-state'

/** The list's search box: typing is local, Enter or the button puts the search in the URL. */
export function ListSearch({
  list,
  placeholder,
  style,
  'data-testid': testId,
}: {
  list: UrlListState<string>
  placeholder: string
  style?: CSSProperties
  'data-testid'?: string
}) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(list.search)
  useEffect(() => {
    setDraft(list.search)
  }, [list.search])
  return (
    <Input.Search
      allowClear
      enterButton={t('common.search')}
      placeholder={placeholder}
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value)
      }}
      onSearch={(value) => {
        list.setFilters({ search: value })
      }}
      style={{ flex: '1 1 280px', maxWidth: 480, ...style }}
      {...(testId === undefined ? {} : { 'data-testid': testId })}
    />
  )
}
