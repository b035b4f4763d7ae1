import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { App, DatePicker, Form, Input, Modal, Select } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Dayjs } from 'dayjs'
import { CaseRoutes, type CreateCaseBody } from '@lianfang/contracts'
import { call } from '../../api/call'
import { usePersons } from '../../api/queries'
import { invalidateCases } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { SEVERITIES, type Severity } from './labels'
import { afterTodayInRegion, wallToIso } from '../../components/civil-time'

/** A person chosen from the register's search (name prefix, phone or ID number), as on the persons page. */
function PersonPicker({ value, onChange }: { value?: string; onChange?: (id: string | undefined) => void }) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const persons = usePersons(
    q.trim() === '' ? { page: 1, pageSize: 20 } : { q: q.trim(), page: 1, pageSize: 20 },
  )
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      placeholder={t('cases.personSearch')}
      loading={persons.isFetching}
      options={(persons.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name} · ${p.idNumberMasked} · ${p.regionName}`,
      }))}
      onChange={(id: string | undefined) => onChange?.(id)}
      data-testid="case-person"
    />
  )
}

interface ReportForm {
  personId: string
  status: CreateCaseBody['status']
  severity?: Severity
  origin: 'local' | 'imported'
  onsetAt?: Dayjs | null
  firstPositiveSampleAt?: Dayjs | null
  isolatedAt?: Dayjs | null
  isolationPlace?: string
  diagnosedAt?: Dayjs | null
}

const noFuture = afterTodayInRegion

/** Reports a case of a registered person, then opens it. */
export function ReportCaseModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { message, modal } = App.useApp()
  const [form] = Form.useForm<ReportForm>()
  const status = Form.useWatch('status', form)
  const create = useMutation({
    mutationFn: (body: CreateCaseBody) => call(CaseRoutes.create, { body }),
    onSuccess: async (c) => {
      void message.success(t('cases.reported', { name: c.personName }))
      await invalidateCases(queryClient)
      onClose()
      void navigate(`/cases/${c.id}`)
    },
  })
  const dateTime = (testId: string) => (
    <DatePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      disabledDate={noFuture}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  )
  const asymptomatic = status === 'asymptomatic'
  return (
    <Modal
      open
      title={t('cases.reportTitle')}
      onCancel={onClose}
      onOk={() => {
        form.submit()
      }}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'case-report-submit' }}
      destroyOnHidden
    >
      {create.isError && <ErrorAlert error={create.error} />}
      <Form<ReportForm>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          const body: CreateCaseBody = { personId: v.personId, status: v.status, origin: v.origin }
          if (v.status === 'confirmed' && v.severity !== undefined) body.severity = v.severity
          if (v.status !== 'asymptomatic' && v.onsetAt) body.onsetAt = wallToIso(v.onsetAt)
          if (v.firstPositiveSampleAt) body.firstPositiveSampleAt = wallToIso(v.firstPositiveSampleAt)
          if (v.isolatedAt) body.isolatedAt = wallToIso(v.isolatedAt)
          if (v.diagnosedAt) body.diagnosedAt = wallToIso(v.diagnosedAt)
          if (v.isolationPlace !== undefined && v.isolationPlace.trim() !== '')
            body.isolationPlace = v.isolationPlace.trim()
          // A case turns the person's code red at once: say so, and ask first.
          void modal.confirm({
            title: t('cases.askReport.title', { status: t(`cases.statuses.${v.status}`) }),
            content: t('cases.askReport.content'),
            okText: t('cases.askReport.ok'),
            okButtonProps: { danger: true, 'data-testid': 'case-report-confirm' },
            cancelText: t('common.cancel'),
            onOk: () => {
              create.mutate(body)
            },
          })
        }}
      >
        <Form.Item
          name="personId"
          label={t('cases.person')}
          rules={[{ required: true, message: t('cases.personRequired') }]}
        >
          <PersonPicker />
        </Form.Item>
        <Form.Item
          name="status"
          label={t('cases.status')}
          rules={[{ required: true, message: t('cases.statusRequired') }]}
        >
          <Select
            placeholder={t('cases.choose')}
            options={(['suspected', 'confirmed', 'asymptomatic'] as const).map((s) => ({
              value: s,
              label: t(`cases.statuses.${s}`),
            }))}
            data-testid="case-status"
          />
        </Form.Item>
        {status === 'confirmed' && (
          <Form.Item
            name="severity"
            label={t('cases.severity')}
            rules={[{ required: true, message: t('cases.severityRequired') }]}
          >
            <Select
              placeholder={t('cases.choose')}
              options={SEVERITIES.map((s) => ({ value: s, label: t(`cases.severities.${s}`) }))}
              data-testid="case-severity"
            />
          </Form.Item>
        )}
        <Form.Item
          name="origin"
          label={t('cases.origin')}
          rules={[{ required: true, message: t('cases.originRequired') }]}
        >
          <Select
            placeholder={t('cases.choose')}
            options={(['local', 'imported'] as const).map((o) => ({
              value: o,
              label: t(`cases.origins.${o}`),
            }))}
            data-testid="case-origin"
          />
        </Form.Item>
        {!asymptomatic && (
          <Form.Item
            name="onsetAt"
            label={t('cases.onsetAt')}
            rules={[{ required: true, message: t('cases.onsetRequired') }]}
          >
            {dateTime('case-onset')}
          </Form.Item>
        )}
        <Form.Item
          name="firstPositiveSampleAt"
          label={t('cases.firstPositiveSampleAt')}
          rules={asymptomatic ? [{ required: true, message: t('cases.sampleRequired') }] : []}
        >
          {dateTime('case-sample')}
        </Form.Item>
        {/* CASE.REPORT: the 2-hour report clock runs from the diagnosis (empty: from now). */}
        <Form.Item name="diagnosedAt" label={t('cases.diagnosedAt')}>
          {dateTime('case-diagnosed')}
        </Form.Item>
        <Form.Item name="isolatedAt" label={t('cases.isolatedAt')}>
          {dateTime('case-isolated')}
        </Form.Item>
        <Form.Item name="isolationPlace" label={t('cases.isolationPlace')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
