import { useState } from 'react'
import { Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { PersonSummary } from '@lianfang/contracts'
import { usePersons } from '../api/queries'

/**
 * A person chosen from the register's search (name prefix, phone or ID number; the user's region
 * subtree, as the server scopes it). With `household`, the value is the household of the person
 * chosen — "lives with …" — and only persons who have one are offered.
 */
export function PersonPicker({
  value,
  onChange,
  household = false,
  testId,
  placeholder,
  onPick,
}: {
  value?: string | undefined
  onChange?: (id: string | undefined) => void
  /** The person chosen (undefined when cleared), for what else the form takes from them. */
  onPick?: (person: PersonSummary | undefined) => void
  household?: boolean
  testId: string
  placeholder?: string
}) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const persons = usePersons(
    q.trim() === '' ? { page: 1, pageSize: 20 } : { q: q.trim(), page: 1, pageSize: 20 },
  )
  const label = (p: PersonSummary) =>
    household
      ? t('personPicker.householdOf', { name: p.name, region: p.regionName })
      : `${p.name} · ${p.idNumberMasked} · ${p.regionName}`
  const seen = new Set<string>()
  const options: { value: string; label: string; person: PersonSummary }[] = []
  for (const p of persons.data?.items ?? []) {
    const id = household ? p.householdId : p.id
    if (id === null || seen.has(id)) continue
    seen.add(id)
    options.push({ value: id, label: label(p), person: p })
  }
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      placeholder={placeholder ?? t('personPicker.placeholder')}
      loading={persons.isFetching}
      notFoundContent={persons.isFetching ? undefined : t('personPicker.none')}
      options={options}
      onChange={(id: string | undefined) => {
        onChange?.(id)
        onPick?.(options.find((o) => o.value === id)?.person)
      }}
      data-testid={testId}
    />
  )
}
