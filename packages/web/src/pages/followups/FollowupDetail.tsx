import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Radio, Space, Tag } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Dayjs } from 'dayjs'
import { FollowupRoutes, type FollowupTask, type RecordFollowupBody } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { invalidateCodes } from '../../api/queries'

/** Every follow-up list and task: the `followups` collection of their query keys. */
const ALL_FOLLOWUPS = queryKeyOf(FollowupRoutes.list, { query: {} }).slice(0, 1)
import { ErrorAlert } from '../../components/ErrorAlert'
import { PageLoading } from '../../components/PageLoading'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { formatDay, NAT_RESULTS, STATUS_COLOUR } from './labels'
import { RegionName } from '../../components/RegionName'
import { afterTodayInRegion, wallNow, wallToIso } from '../../components/civil-time'
import { ruleSetVersionText } from '../../components/rule-set-version'

/** Status, with the 复阳 flag beside it when the follow-up NAT was positive. */
export function FollowupStatusTag({ task }: { task: FollowupTask }) {
  const { t } = useTranslation()
  return (
    <Space size={4} data-testid={`followup-status-${task.id}`} data-status={task.status}>
      <Tag color={STATUS_COLOUR[task.status]}>{t(`followups.statuses.${task.status}`)}</Tag>
      {task.repositive && (
        <Tag color="red" data-testid={`followup-repositive-${task.id}`}>
          {t('followups.repositive')}
        </Tag>
      )}
    </Space>
  )
}

/** One follow-up task: what, who and when; its result, or the forms to record or cancel it. */
export function FollowupDetail({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const task = useQuery({
    queryKey: queryKeyOf(FollowupRoutes.get, { params: { id } }),
    queryFn: () => call(FollowupRoutes.get, { params: { id } }),
  })
  const canRecord = useCan('followup:record')
  const canReadCases = useCan('case:read')
  if (task.isPending) return <PageLoading />
  if (task.isError) return <ErrorAlert error={task.error} />
  const f = task.data
  const open = f.status === 'due' || f.status === 'missed'
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="followup-detail">
      {f.repositive && <Alert type="error" showIcon title={t('followups.repositiveBanner')} />}
      <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('followups.person')}>
          {f.personName}
          {f.phoneMasked !== null && ` · ${f.phoneMasked}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('followups.case')}>
          {t(`followups.caseStatuses.${f.caseStatus}`)} · {t(`followups.outcomes.${f.outcome}`)}
          {canReadCases && (
            <>
              {' · '}
              <Link to={`/cases/${f.caseId}`}>{t('followups.openCase')}</Link>
            </>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('followups.outcomeAt')}>
          {formatDateTime(f.outcomeAt, lang)}
        </Descriptions.Item>
        {f.observationEndsAt !== null && (
          <Descriptions.Item label={t('followups.observationEndsAt')}>
            {formatDateTime(f.observationEndsAt, lang)}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('followups.weekColumn')}>
          {t('followups.week', { week: f.week })}
        </Descriptions.Item>
        <Descriptions.Item label={t('followups.window')}>
          {formatDay(f.windowOpensAt, lang)} – {formatDay(f.dueAt, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('followups.assignee')}>
          {t(`followups.assigneeKinds.${f.assigneeKind}`)} · {f.assigneeName}
        </Descriptions.Item>
        <Descriptions.Item label={t('followups.region')}>
          <RegionName code={f.regionCode} name={f.regionName} />
        </Descriptions.Item>
        <Descriptions.Item label={t('followups.status')}>
          <FollowupStatusTag task={f} />
        </Descriptions.Item>
        {f.result !== null && (
          <>
            <Descriptions.Item label={t('followups.natResult')}>
              <Tag color={f.result.natResult === 'positive' ? 'red' : 'default'}>
                {t(`followups.natResults.${f.result.natResult}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('followups.symptoms')}>
              {f.result.symptoms
                ? (f.result.symptomsText ?? t('followups.symptomsYes'))
                : t('followups.symptomsNone')}
            </Descriptions.Item>
            <Descriptions.Item label={t('followups.performedAt')}>
              {formatDateTime(f.result.performedAt, lang)} · {t(`followups.timing.${f.result.timing}`)}
            </Descriptions.Item>
            {f.result.note !== null && (
              <Descriptions.Item label={t('followups.note')}>{f.result.note}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('followups.recordedBy')}>
              {f.result.recordedByName ?? '—'} · {formatDateTime(f.result.recordedAt, lang)}
            </Descriptions.Item>
          </>
        )}
        {f.cancelReason !== null && (
          <Descriptions.Item label={t('followups.cancelReason')}>{f.cancelReason}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('followups.ruleSet')}>
          {ruleSetVersionText(t, f.ruleSetVersion)}
        </Descriptions.Item>
      </Descriptions>
      {open && canRecord && <RecordResultForm task={f} onDone={onDone} />}
      {open && canRecord && <CancelTask task={f} onDone={onDone} />}
    </Space>
  )
}

interface ResultForm {
  natResult: RecordFollowupBody['natResult']
  symptoms: boolean
  symptomsText?: string
  performedAt: Dayjs
  note?: string
}

const noFuture = afterTodayInRegion

function RecordResultForm({ task, onDone }: { task: FollowupTask; onDone: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const { message, modal } = App.useApp()
  const [form] = Form.useForm<ResultForm>()
  const symptoms = Form.useWatch('symptoms', form)
  const record = useMutation({
    mutationFn: (body: RecordFollowupBody) => call(FollowupRoutes.record, { params: { id: task.id }, body }),
    onSuccess: async (done) => {
      if (done.repositive) {
        modal.error({
          title: t('followups.repositive'),
          content: t('followups.repositiveRecorded', { name: done.personName, week: done.week }),
        })
        await invalidateCodes(queryClient)
      } else void message.success(t('followups.recorded', { week: done.week }))
      await queryClient.invalidateQueries({ queryKey: ALL_FOLLOWUPS })
      onDone()
    },
  })
  return (
    <Card size="small" title={t('followups.record')}>
      {record.isError && <ErrorAlert error={record.error} />}
      <Form<ResultForm>
        form={form}
        layout="vertical"
        initialValues={{ symptoms: false, performedAt: wallNow() }}
        onFinish={(v) => {
          const body: RecordFollowupBody = {
            version: task.version,
            natResult: v.natResult,
            symptoms: v.symptoms,
            performedAt: wallToIso(v.performedAt),
          }
          const text = v.symptomsText?.trim() ?? ''
          if (v.symptoms && text !== '') body.symptomsText = text
          const note = v.note?.trim() ?? ''
          if (note !== '') body.note = note
          record.mutate(body)
        }}
      >
        <Form.Item
          name="natResult"
          label={t('followups.natResult')}
          rules={[{ required: true, message: t('followups.natResultRequired') }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={NAT_RESULTS.map((r) => ({
              value: r,
              label: <span data-testid={`followup-nat-${r}`}>{t(`followups.natResults.${r}`)}</span>,
            }))}
          />
        </Form.Item>
        <Form.Item name="symptoms" label={t('followups.symptoms')}>
          <Radio.Group
            options={[
              { value: false, label: t('followups.symptomsNone') },
              { value: true, label: t('followups.symptomsYes') },
            ]}
            data-testid="followup-symptoms"
          />
        </Form.Item>
        {symptoms && (
          <Form.Item
            name="symptomsText"
            label={t('followups.symptomsText')}
            rules={[{ required: true, whitespace: true, message: t('followups.symptomsTextRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="followup-symptoms-text" />
          </Form.Item>
        )}
        <Form.Item
          name="performedAt"
          label={t('followups.performedAt')}
          rules={[{ required: true, message: t('followups.performedAtRequired') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={noFuture}
            style={{ width: '100%' }}
            data-testid="followup-performed-at"
          />
        </Form.Item>
        <Form.Item name="note" label={t('followups.note')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="followup-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="followup-submit">
          {t('followups.submit')}
        </Button>
      </Form>
    </Card>
  )
}

function CancelTask({ task, onDone }: { task: FollowupTask; onDone: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [open, setOpen] = useState(false)
  const cancel = useMutation({
    mutationFn: (reason: string) =>
      call(FollowupRoutes.cancel, { params: { id: task.id }, body: { version: task.version, reason } }),
    onSuccess: async () => {
      void message.success(t('followups.cancelled'))
      await queryClient.invalidateQueries({ queryKey: ALL_FOLLOWUPS })
      onDone()
    },
  })
  if (!open)
    return (
      <Button
        danger
        onClick={() => {
          setOpen(true)
        }}
        data-testid="followup-cancel"
      >
        {t('followups.cancel')}
      </Button>
    )
  return (
    <Card size="small" title={t('followups.cancel')}>
      {cancel.isError && <ErrorAlert error={cancel.error} />}
      <Form<{ reason: string }>
        layout="vertical"
        onFinish={(v) => {
          cancel.mutate(v.reason.trim())
        }}
      >
        <Form.Item
          name="reason"
          label={t('followups.cancelReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('followups.cancelReasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="followup-cancel-reason" />
        </Form.Item>
        <Space>
          <Button danger htmlType="submit" loading={cancel.isPending} data-testid="followup-cancel-submit">
            {t('followups.cancelSubmit')}
          </Button>
          <Button
            onClick={() => {
              setOpen(false)
            }}
          >
            {t('common.cancel')}
          </Button>
        </Space>
      </Form>
    </Card>
  )
}
