import { useState } from 'react'
import { Alert, App, Button, Card, Form, Input, Modal, Table, Typography, type TableProps } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useSearchParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { DeadJob } from '@lianfang/contracts'
import { jobKeys, jobsApi, useDeadJobs } from '../../api/jobs'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime, positiveInt } from '../../components/format'
import { currentLanguage } from '../../i18n'

const TOPIC = /^[a-z][a-z0-9_.-]{0,63}$/

/**
 * Jobs of the node's jobs runtime that failed their last attempt (docs/jobs.md "Dead letters"),
 * newest first, with a retry that asks for the reason first (audited by the server).
 */
export default function DeadJobsPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const [params, setParams] = useSearchParams()
  const page = positiveInt(params.get('page'), 1)
  const pageSize = positiveInt(params.get('pageSize'), 20, 200)
  const topicParam = params.get('topic') ?? ''
  const topic = TOPIC.test(topicParam) ? topicParam : undefined
  const dead = useDeadJobs({ page, pageSize, ...(topic ? { topic } : {}) })
  const [retrying, setRetrying] = useState<DeadJob | undefined>()

  const setParam = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k)
      else next.set(k, v)
    }
    setParams(next)
  }

  const columns: TableProps<DeadJob>['columns'] = [
    { title: '#', dataIndex: 'id', key: 'id' },
    {
      title: t('jobs.topic'),
      key: 'topic',
      render: (_: unknown, j: DeadJob) => <Typography.Text code>{j.topic}</Typography.Text>,
    },
    {
      title: t('jobs.attempts'),
      key: 'attempts',
      render: (_: unknown, j: DeadJob) => `${String(j.attempts)} / ${String(j.maxAttempts)}`,
    },
    {
      title: t('jobs.lastError'),
      key: 'lastError',
      width: 420,
      render: (_: unknown, j: DeadJob) => (
        <Typography.Paragraph
          type="danger"
          style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}
          ellipsis={{ rows: 2, expandable: true }}
          data-testid={`dead-job-error-${j.id}`}
        >
          {j.lastError ?? ''}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('jobs.createdAt'),
      key: 'createdAt',
      render: (_: unknown, j: DeadJob) => formatDateTime(j.createdAt, lang),
    },
    {
      title: t('jobs.diedAt'),
      key: 'diedAt',
      render: (_: unknown, j: DeadJob) => (j.diedAt ? formatDateTime(j.diedAt, lang) : ''),
    },
    {
      title: t('jobs.actions'),
      key: 'actions',
      render: (_: unknown, j: DeadJob) => (
        <Button
          size="small"
          onClick={() => {
            setRetrying(j)
          }}
          data-testid={`dead-job-retry-${j.id}`}
        >
          {t('jobs.retry')}
        </Button>
      ),
    },
  ]

  return (
    <Card title={t('jobs.title')} data-testid="dead-jobs">
      <Alert type="info" showIcon title={t('jobs.explain')} style={{ marginBottom: 16 }} />
      <Input.Search
        allowClear
        defaultValue={topicParam}
        placeholder={t('jobs.topicFilter')}
        style={{ maxWidth: 320, marginBottom: 16 }}
        onSearch={(value) => {
          setParam({ topic: value.trim() || undefined, page: undefined })
        }}
        data-testid="dead-jobs-topic"
      />
      {dead.isError && <ErrorAlert error={dead.error} />}
      <Table<DeadJob>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={dead.data?.items ?? []}
        loading={dead.isFetching}
        locale={{ emptyText: t('jobs.none') }}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (j) => (
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t('jobs.payload')}: <Typography.Text code>{JSON.stringify(j.payload)}</Typography.Text>
            </Typography.Paragraph>
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: dead.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, nextSize) => {
            setParam({ page: String(nextSize === pageSize ? nextPage : 1), pageSize: String(nextSize) })
          },
        }}
        data-testid="dead-jobs-table"
      />
      {retrying && (
        <RetryJob
          job={retrying}
          onClose={() => {
            setRetrying(undefined)
          }}
        />
      )}
    </Card>
  )
}

/** Asks for the reason, then queues the job again. */
function RetryJob({ job, onClose }: { job: DeadJob; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ reason: string }>()
  const retry = useMutation({
    mutationFn: (reason: string) => jobsApi.retry(job.id, { reason }),
    onSuccess: async () => {
      void message.success(t('jobs.retried', { id: job.id }))
      await queryClient.invalidateQueries({ queryKey: jobKeys.all })
      onClose()
    },
  })
  return (
    <Modal
      open
      title={t('jobs.retryTitle', { id: job.id, topic: job.topic })}
      okText={t('jobs.retry')}
      cancelText={t('common.cancel')}
      confirmLoading={retry.isPending}
      onOk={() => {
        form.submit()
      }}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'dead-job-retry-submit' }}
    >
      <Typography.Paragraph>{t('jobs.retryExplain')}</Typography.Paragraph>
      {retry.isError && <ErrorAlert error={retry.error} />}
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          retry.mutate(v.reason.trim())
        }}
      >
        <Form.Item
          name="reason"
          label={t('jobs.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('jobs.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="dead-job-retry-reason" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
