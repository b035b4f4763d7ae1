import { Alert, App, Card, Typography, type TableProps } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { DeadJob, RetriedJob } from '@lianfang/contracts'
import { jobKeys, jobsApi, useDeadJobs } from '../../api/jobs'
import { formatDateTime } from '../../components/format'
import { ListSearch, MutationButton, PagedTable, useUrlListState } from '../../components/list-kit'
import { currentLanguage } from '../../i18n'

/**
 * Jobs of the node's jobs runtime that failed their last attempt (docs/jobs.md "Dead letters"),
 * newest first, searchable by topic, each with a retry that asks for the reason first (the
 * server audits it).
 */
export default function DeadJobsPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const list = useUrlListState()
  const topic = list.search.toLowerCase()
  const dead = useDeadJobs({
    page: list.page,
    pageSize: list.pageSize,
    ...(topic === '' ? {} : { topic }),
  })

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
        <MutationButton<{ reason: string }, RetriedJob>
          buttonText={t('jobs.retry')}
          buttonTestId={`dead-job-retry-${j.id}`}
          title={t('jobs.retryTitle', { id: j.id, topic: j.topic })}
          explain={t('jobs.retryExplain')}
          okText={t('jobs.retry')}
          testId="dead-job-retry"
          mutationFn={({ reason }) => jobsApi.retry(j.id, { reason: reason.trim() })}
          onSuccess={() => {
            void message.success(t('jobs.retried', { id: j.id }))
            void queryClient.invalidateQueries({ queryKey: jobKeys.all })
          }}
          reason={{
            label: t('jobs.reason'),
            requiredMessage: t('jobs.reasonRequired'),
            lengthMessage: t('jobs.reasonLength'),
            min: 2,
            max: 500,
          }}
        />
      ),
    },
  ]

  return (
    <Card title={t('jobs.title')} data-testid="dead-jobs">
      <Alert type="info" showIcon title={t('jobs.explain')} style={{ marginBottom: 16 }} />
      <div style={{ display: 'flex', marginBottom: 16 }}>
        <ListSearch list={list} placeholder={t('jobs.topicFilter')} data-testid="dead-jobs-topic" />
      </div>
      <PagedTable<DeadJob>
        query={dead}
        list={list}
        rowKey="id"
        size="small"
        columns={columns}
        emptyText={t('jobs.none')}
        expandable={{
          expandedRowRender: (j) => (
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t('jobs.payload')}: <Typography.Text code>{JSON.stringify(j.payload)}</Typography.Text>
            </Typography.Paragraph>
          ),
        }}
        data-testid="dead-jobs-table"
      />
    </Card>
  )
}
