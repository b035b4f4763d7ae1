import { useState } from 'react'
import { Form, Select } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { CheckinRoutes, PersonRoutes, type PersonDetail } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { useCan } from '../../layout/Guards'

/** A venue found by name (an employer, or a school with `kind`), the current one offered first. */
function VenuePicker({
  value,
  onChange,
  kind,
  current,
  testId,
}: {
  value?: string | null
  onChange?: (id: string | null) => void
  kind?: 'school'
  current: { id: string; name: string } | null
  testId: string
}) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const query = { ...(q.trim() === '' ? {} : { q: q.trim() }), ...(kind ? { kind } : {}), pageSize: 20 }
  const venues = useQuery({
    queryKey: queryKeyOf(CheckinRoutes.listVenues, { query }),
    queryFn: () => call(CheckinRoutes.listVenues, { query }),
  })
  const options = (venues.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))
  if (current !== null && !options.some((o) => o.value === current.id))
    options.unshift({ value: current.id, label: current.name })
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      placeholder={t('personForm.units.venuePlaceholder')}
      loading={venues.isFetching}
      options={options}
      onChange={(id: string | undefined) => onChange?.(id ?? null)}
      data-testid={testId}
    />
  )
}

/** The units (offices, workshops, teams; classes) of the chosen venue. */
function UnitPicker({
  venueId,
  value,
  onChange,
  current,
  testId,
}: {
  venueId: string | null | undefined
  /** The person's unit as read, named while (or if) the venue's list does not hold it. */
  current: { id: string; name: string } | null
  value?: string | null
  onChange?: (id: string | null) => void
  testId: string
}) {
  const { t } = useTranslation()
  const args = { params: { id: venueId ?? '' } }
  const units = useQuery({
    queryKey: queryKeyOf(PersonRoutes.listUnits, args),
    queryFn: () => call(PersonRoutes.listUnits, args),
    enabled: typeof venueId === 'string' && venueId !== '',
  })
  const options = (units.data?.items ?? []).map((u) => ({
    value: u.id,
    label: t('personForm.units.unitOption', { name: u.name, members: u.members }),
  }))
  if (current !== null && !options.some((o) => o.value === current.id))
    options.unshift({ value: current.id, label: current.name })
  return (
    <Select
      allowClear
      disabled={!venueId}
      value={value ?? undefined}
      placeholder={t(venueId ? 'personForm.units.unitPlaceholder' : 'personForm.units.venueFirst')}
      loading={units.isFetching}
      options={options}
      notFoundContent={t('personForm.units.none')}
      onChange={(id: string | undefined) => onChange?.(id ?? null)}
      data-testid={testId}
    />
  )
}

/**
 * Where the person works or studies, down to the unit (CC.SETTINGS 4: the office, workshop, team
 * or class is the contact group, not the whole employer or school). Shown to those who may read
 * venues; a unit must belong to the chosen venue (the server refuses another's).
 */
export function UnitFields({ person }: { person?: PersonDetail }) {
  const { t } = useTranslation()
  const canRead = useCan('venue:read')
  const form = Form.useFormInstance()
  const workplaceId = Form.useWatch<string | null | undefined>('workplaceId', form)
  const schoolId = Form.useWatch<string | null | undefined>('schoolId', form)
  if (!canRead) return null
  const named = (id: string | null | undefined, name: string | null | undefined) =>
    id && name ? { id, name } : null
  return (
    <>
      <Form.Item name="workplaceId" label={t('personForm.units.workplace')}>
        <VenuePicker
          current={named(person?.workplaceId, person?.workplaceName)}
          testId="person-form-workplace"
          onChange={() => {
            form.setFieldValue('workUnitId', null)
          }}
        />
      </Form.Item>
      <Form.Item name="workUnitId" label={t('personForm.units.workUnit')} extra={t('personForm.units.help')}>
        <UnitPicker
          venueId={workplaceId}
          current={named(person?.workUnitId, person?.workUnitName)}
          testId="person-form-work-unit"
        />
      </Form.Item>
      <Form.Item name="schoolId" label={t('personForm.units.school')}>
        <VenuePicker
          kind="school"
          current={named(person?.schoolId, person?.schoolName)}
          testId="person-form-school"
          onChange={() => {
            form.setFieldValue('classUnitId', null)
          }}
        />
      </Form.Item>
      <Form.Item name="classUnitId" label={t('personForm.units.classUnit')}>
        <UnitPicker
          venueId={schoolId}
          current={named(person?.classUnitId, person?.classUnitName)}
          testId="person-form-class-unit"
        />
      </Form.Item>
    </>
  )
}
