import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Dayjs } from 'dayjs'
import type { CaseRecord, DischargeBody, ReclassifyCaseBody } from '@lianfang/contracts'
import { api } from '../../api/client'
import { queryKeys, useCase, useDischargeCheck } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { PageLoading } from '../../components/PageLoading'
import { CaseFollowups } from '../followups/CaseFollowups'
import { formatDateTime } from '../../components/format'
import { currentLanguage, translateDynamic } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { ContactsPanel, InvestigationPanel } from './InvestigationPanel'
import {
  isCaseStatus,
  nextStatuses,
  SEVERITIES,
  STATUS_COLOUR,
  type CaseStatus,
  type Severity,
} from './labels'

/** One case: details and classification history, re-classification, discharge; investigation; contacts. */
export default function CaseDetailPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const kase = useCase(id)
  const canWrite = useCan('case:write')

  if (kase.isPending) return <PageLoading />
  if (kase.isError) return <ErrorAlert error={kase.error} />
  const c = kase.data
  const details = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <CaseCard c={c} canWrite={canWrite} />
      <DischargePanel c={c} canWrite={canWrite} />
      {c.outcome === 'discharged' || c.outcome === 'released' ? <CaseFollowups caseId={c.id} /> : null}
    </Space>
  )
  const tabs = [
    { key: 'details', label: t('cases.tabs.details'), children: details },
    ...(canWrite
      ? [
          {
            key: 'investigation',
            label: <span data-testid="case-tab-investigation">{t('cases.tabs.investigation')}</span>,
            children: <InvestigationPanel caseId={c.id} />,
          },
        ]
      : []),
    {
      key: 'contacts',
      label: <span data-testid="case-tab-contacts">{t('cases.tabs.contacts')}</span>,
      children: <ContactsPanel caseId={c.id} />,
    },
  ]
  return (
    <div data-testid="case-detail">
      <Tabs
        items={tabs}
        destroyOnHidden
        tabBarExtraContent={
          <Link to={`/chains?caseId=${c.id}`} data-testid="case-chain-link">
            {t('cases.chain')}
          </Link>
        }
      />
    </div>
  )
}

function CaseCard({ c, canWrite }: { c: CaseRecord; canWrite: boolean }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const [reclassifying, setReclassifying] = useState(false)
  const next = nextStatuses(c)
  const time = (at: string | null) => (at === null ? '—' : formatDateTime(at, lang))
  const statusLabel = (s: string) => (isCaseStatus(s) ? t(`cases.statuses.${s}`) : s)
  return (
    <Card
      title={c.personName}
      extra={
        <Space wrap>
          <Tag color={STATUS_COLOUR[c.status]} data-testid="case-status-tag">
            {t(`cases.statuses.${c.status}`)}
            {c.severity !== null && ` · ${t(`cases.severities.${c.severity}`)}`}
          </Tag>
          {c.outcome !== null && <Tag color="success">{t(`cases.outcomes.${c.outcome}`)}</Tag>}
          {canWrite && next.length > 0 && (
            <Button
              onClick={() => {
                setReclassifying(true)
              }}
              data-testid="case-reclassify"
            >
              {t('cases.reclassify')}
            </Button>
          )}
        </Space>
      }
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24 }}>
        <Descriptions column={1} size="small" style={{ flex: '1 1 320px' }}>
          <Descriptions.Item label={t('cases.origin')}>{t(`cases.origins.${c.origin}`)}</Descriptions.Item>
          <Descriptions.Item label={t('cases.region')}>{c.regionCode}</Descriptions.Item>
          <Descriptions.Item label={t('cases.onsetAt')}>{time(c.onsetAt)}</Descriptions.Item>
          <Descriptions.Item label={t('cases.firstPositiveSampleAt')}>
            {time(c.firstPositiveSampleAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.isolatedAt')}>{time(c.isolatedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('cases.isolationPlace')}>{c.isolationPlace ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('cases.outcomeAt')}>{time(c.outcomeAt)}</Descriptions.Item>
          <Descriptions.Item label={t('cases.version')}>{c.version}</Descriptions.Item>
        </Descriptions>
        <div style={{ flex: '1 1 280px' }}>
          <Typography.Title level={5}>{t('cases.history')}</Typography.Title>
          <Timeline
            data-testid="case-history"
            items={[...c.history].reverse().map((h, i) => ({
              key: `${h.at}-${i}`,
              color: isCaseStatus(h.to) ? STATUS_COLOUR[h.to] : 'gray',
              content: (
                <Space orientation="vertical" size={2}>
                  <span>
                    {h.from !== null && `${statusLabel(h.from)} → `}
                    {statusLabel(h.to)}
                    {h.severity !== null && ` · ${translateDynamic(t, `cases.severities.${h.severity}`)}`}
                  </span>
                  <Typography.Text type="secondary">
                    {formatDateTime(h.at, lang)} · {h.reason}
                  </Typography.Text>
                </Space>
              ),
            }))}
          />
        </div>
      </div>
      {reclassifying && (
        <ReclassifyModal
          c={c}
          next={next}
          onClose={() => {
            setReclassifying(false)
          }}
        />
      )}
    </Card>
  )
}

interface ReclassifyForm {
  status: CaseStatus
  severity?: Severity
  onsetAt?: Dayjs | null
  reason: string
}

function ReclassifyModal({ c, next, onClose }: { c: CaseRecord; next: CaseStatus[]; onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm<ReclassifyForm>()
  const status = Form.useWatch('status', form)
  const reclassify = useMutation({
    mutationFn: (body: ReclassifyCaseBody) => api.reclassifyCase(c.id, body),
    onSuccess: async (updated) => {
      void message.success(t('cases.reclassified'))
      queryClient.setQueryData(queryKeys.case(c.id), updated)
      await queryClient.invalidateQueries({ queryKey: queryKeys.casesAll })
      onClose()
    },
  })
  // An asymptomatic infection becomes confirmed when symptoms appear: the onset is needed then.
  const needsOnset = status === 'confirmed' && c.onsetAt === null
  return (
    <Modal
      open
      title={t('cases.reclassifyTitle', { status: t(`cases.statuses.${c.status}`) })}
      onCancel={onClose}
      onOk={() => {
        form.submit()
      }}
      okButtonProps={{ loading: reclassify.isPending, 'data-testid': 'reclassify-ok' }}
      destroyOnHidden
    >
      {reclassify.isError && <ErrorAlert error={reclassify.error} />}
      <Form<ReclassifyForm>
        form={form}
        layout="vertical"
        initialValues={{ status: next[0], severity: c.severity ?? 'mild' }}
        onFinish={(v) => {
          // The version read: a concurrent change makes the server answer STALE_VERSION.
          const body: ReclassifyCaseBody = { version: c.version, status: v.status, reason: v.reason.trim() }
          if (v.status === 'confirmed' && v.severity !== undefined) body.severity = v.severity
          if (v.onsetAt) body.onsetAt = v.onsetAt.toISOString()
          reclassify.mutate(body)
        }}
      >
        <Form.Item name="status" label={t('cases.newStatus')} rules={[{ required: true }]}>
          <Select
            options={next.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
            data-testid="reclassify-status"
          />
        </Form.Item>
        {status === 'confirmed' && (
          <Form.Item
            name="severity"
            label={t('cases.severity')}
            rules={[{ required: true, message: t('cases.severityRequired') }]}
          >
            <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`cases.severities.${s}`) }))} />
          </Form.Item>
        )}
        {needsOnset && (
          <Form.Item
            name="onsetAt"
            label={t('cases.onsetAt')}
            rules={[{ required: true, message: t('cases.onsetRequired') }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={(d) => d.isAfter(new Date())}
              style={{ width: '100%' }}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('cases.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('cases.reasonRequired') }]}
        >
          <Input.TextArea maxLength={500} rows={2} data-testid="reclassify-reason" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

interface DischargeForm {
  symptomsImproved: boolean
  imagingImproved: boolean
  note?: string
}

/** Which discharge (confirmed) or release (asymptomatic) criteria are met, and the discharge itself. */
function DischargePanel({ c, canWrite }: { c: CaseRecord; canWrite: boolean }) {
  const { t } = useTranslation()
  const applicable = c.outcome === null && (c.status === 'confirmed' || c.status === 'asymptomatic')
  const check = useDischargeCheck(c.id, applicable)
  const [open, setOpen] = useState(false)
  if (!applicable)
    return (
      <Card title={t('cases.discharge.title')}>
        <Empty description={t('cases.discharge.notApplicable')} />
      </Card>
    )
  return (
    <Card
      title={t('cases.discharge.title')}
      data-testid="discharge-panel"
      extra={
        canWrite && (
          <Button
            onClick={() => {
              setOpen(true)
            }}
            data-testid="discharge-open"
          >
            {t('cases.discharge.button')}
          </Button>
        )
      }
    >
      {check.isError && <ErrorAlert error={check.error} />}
      {check.data !== undefined && (
        <>
          <Alert
            type={check.data.met ? 'success' : 'warning'}
            showIcon
            title={check.data.met ? t('cases.discharge.allMet') : t('cases.discharge.notMet')}
            style={{ marginBottom: 12 }}
          />
          <List
            size="small"
            dataSource={check.data.criteria}
            renderItem={(cr) => (
              <List.Item data-testid={`criterion-${cr.id}`}>
                <Space wrap>
                  <Tag color={cr.met ? 'success' : 'error'}>
                    {cr.met ? t('cases.discharge.met') : t('cases.discharge.missing')}
                  </Tag>
                  <span>{translateDynamic(t, `cases.discharge.criteria.${cr.id}`)}</span>
                  <Typography.Text type="secondary">{cr.detail}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
      {open && (
        <DischargeModal
          c={c}
          onClose={() => {
            setOpen(false)
          }}
        />
      )}
    </Card>
  )
}

function DischargeModal({ c, onClose }: { c: CaseRecord; onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm<DischargeForm>()
  const discharge = useMutation({
    mutationFn: (body: DischargeBody) => api.dischargeCase(c.id, body),
    onSuccess: async (updated) => {
      void message.success(t('cases.discharge.done'))
      queryClient.setQueryData(queryKeys.case(c.id), updated)
      await queryClient.invalidateQueries({ queryKey: queryKeys.casesAll })
      onClose()
    },
    onError: async () => {
      // A 409 lists what is missing now: show the fresh check beside it.
      await queryClient.invalidateQueries({ queryKey: queryKeys.dischargeCheck(c.id) })
    },
  })
  return (
    <Modal
      open
      title={t('cases.discharge.confirmTitle')}
      onCancel={onClose}
      onOk={() => {
        form.submit()
      }}
      okButtonProps={{ loading: discharge.isPending, 'data-testid': 'discharge-ok' }}
      destroyOnHidden
    >
      {/* DISCHARGE_CRITERIA_NOT_MET (409): the server's message names the missing criteria. */}
      {discharge.isError && <ErrorAlert error={discharge.error} />}
      <Form<DischargeForm>
        form={form}
        layout="vertical"
        initialValues={{ symptomsImproved: false, imagingImproved: false }}
        onFinish={(v) => {
          const body: DischargeBody = {
            version: c.version,
            symptomsImproved: v.symptomsImproved,
            imagingImproved: v.imagingImproved,
          }
          if (v.note !== undefined && v.note.trim() !== '') body.note = v.note.trim()
          discharge.mutate(body)
        }}
      >
        <Form.Item name="symptomsImproved" valuePropName="checked">
          <Checkbox data-testid="discharge-symptoms">{t('cases.discharge.symptomsImproved')}</Checkbox>
        </Form.Item>
        <Form.Item name="imagingImproved" valuePropName="checked">
          <Checkbox data-testid="discharge-imaging">{t('cases.discharge.imagingImproved')}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t('cases.discharge.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
