import { useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  type TableProps,
} from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Dayjs } from 'dayjs'
import type { CaseQuery, CaseRecord, CreateCaseBody } from '@lianfang/contracts'
import { api } from '../../api/client'
import { queryKeys, useCases, usePersons } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime, positiveInt } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { CASE_STATUSES, isCaseStatus, SEVERITIES, STATUS_COLOUR, type Severity } from './labels'

/** Cases (病例) in the user's region: a classification filter and pages in the URL; report a case. */
export default function CasesPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const [params, setParams] = useSearchParams()
  const canWrite = useCan('case:write')
  const statusParam = params.get('status')
  const status = isCaseStatus(statusParam) ? statusParam : undefined
  const page = positiveInt(params.get('page'), 1)
  const pageSize = positiveInt(params.get('pageSize'), 20, 200)
  const [reporting, setReporting] = useState(false)

  const query: CaseQuery = { page, pageSize }
  if (status !== undefined) query.status = status
  const cases = useCases(query)

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k)
      else next.set(k, v)
    }
    setParams(next)
  }

  const columns: TableProps<CaseRecord>['columns'] = [
    {
      title: t('cases.person'),
      key: 'person',
      fixed: 'left',
      render: (_: unknown, c) => (
        <Link to={`/cases/${c.id}`} data-testid={`case-link-${c.id}`}>
          {c.personName}
        </Link>
      ),
    },
    {
      title: t('cases.status'),
      key: 'status',
      render: (_: unknown, c) => (
        <Tag color={STATUS_COLOUR[c.status]}>
          {t(`cases.statuses.${c.status}`)}
          {c.severity !== null && ` · ${t(`cases.severities.${c.severity}`)}`}
        </Tag>
      ),
    },
    { title: t('cases.origin'), key: 'origin', render: (_: unknown, c) => t(`cases.origins.${c.origin}`) },
    {
      title: t('cases.onsetAt'),
      key: 'onset',
      render: (_: unknown, c) => {
        const at = c.onsetAt ?? c.firstPositiveSampleAt
        return at === null ? '—' : formatDateTime(at, lang)
      },
    },
    { title: t('cases.region'), dataIndex: 'regionCode', key: 'region' },
    {
      title: t('cases.outcome'),
      key: 'outcome',
      render: (_: unknown, c) => (c.outcome === null ? t('cases.ongoing') : t(`cases.outcomes.${c.outcome}`)),
    },
  ]

  return (
    <Card
      title={t('cases.title')}
      extra={
        canWrite && (
          <Button
            type="primary"
            onClick={() => {
              setReporting(true)
            }}
            data-testid="case-report"
          >
            {t('cases.report')}
          </Button>
        )
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('cases.allStatuses')}
          value={status}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
          onChange={(s: string | undefined) => {
            update({ status: s, page: undefined })
          }}
          style={{ flex: '0 1 200px' }}
          data-testid="cases-status"
        />
      </Flex>
      {cases.isError && <ErrorAlert error={cases.error} />}
      <Table<CaseRecord>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={cases.data?.items ?? []}
        loading={cases.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: cases.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, nextSize) => {
            update({ page: String(nextSize === pageSize ? nextPage : 1), pageSize: String(nextSize) })
          },
        }}
        data-testid="cases-table"
      />
      {reporting && (
        <ReportCaseModal
          onClose={() => {
            setReporting(false)
          }}
        />
      )}
    </Card>
  )
}

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
}

const noFuture = (d: Dayjs) => d.isAfter(new Date())

function ReportCaseModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm<ReportForm>()
  const status = Form.useWatch('status', form)
  const create = useMutation({
    mutationFn: (body: CreateCaseBody) => api.createCase(body),
    onSuccess: async (c) => {
      void message.success(t('cases.reported', { name: c.personName }))
      await queryClient.invalidateQueries({ queryKey: queryKeys.casesAll })
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
        initialValues={{ status: 'confirmed', severity: 'mild', origin: 'local' }}
        onFinish={(v) => {
          const body: CreateCaseBody = { personId: v.personId, status: v.status, origin: v.origin }
          if (v.status === 'confirmed' && v.severity !== undefined) body.severity = v.severity
          if (v.status !== 'asymptomatic' && v.onsetAt) body.onsetAt = v.onsetAt.toISOString()
          if (v.firstPositiveSampleAt) body.firstPositiveSampleAt = v.firstPositiveSampleAt.toISOString()
          if (v.isolatedAt) body.isolatedAt = v.isolatedAt.toISOString()
          if (v.isolationPlace !== undefined && v.isolationPlace.trim() !== '')
            body.isolationPlace = v.isolationPlace.trim()
          create.mutate(body)
        }}
      >
        <Form.Item
          name="personId"
          label={t('cases.person')}
          rules={[{ required: true, message: t('cases.personRequired') }]}
        >
          <PersonPicker />
        </Form.Item>
        <Form.Item name="status" label={t('cases.status')} rules={[{ required: true }]}>
          <Select
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
              options={SEVERITIES.map((s) => ({ value: s, label: t(`cases.severities.${s}`) }))}
              data-testid="case-severity"
            />
          </Form.Item>
        )}
        <Form.Item name="origin" label={t('cases.origin')}>
          <Select
            options={(['local', 'imported'] as const).map((o) => ({
              value: o,
              label: t(`cases.origins.${o}`),
            }))}
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
