import { App, Button, Card, Descriptions, Space, Tag } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { CaseRoutes, type CaseDeadline, type CaseRecord } from '@lianfang/contracts'
import { call } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { caseKey, invalidateCases } from './case-queries'

const MINUTE = 60_000

/** "3 小时 5 分钟" / "3 h 5 min" (whole minutes, rounded up). */
function duration(t: TFunction, ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / MINUTE))
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return h === 0 ? t('cases.clocks.minutes', { m }) : t('cases.clocks.hours', { h, m })
}

/** One CASE.REPORT clock: due time, done time (or not yet), on time or late by how much. */
function Clock({ d, now, testId }: { d: CaseDeadline; now: number; testId: string }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const due = new Date(d.dueAt).getTime()
  const late = d.overdue
    ? d.doneAt === null
      ? t('cases.clocks.lateOpen', { duration: duration(t, now - due) })
      : t('cases.clocks.late', { duration: duration(t, new Date(d.doneAt).getTime() - due) })
    : undefined
  return (
    <Space wrap data-testid={testId}>
      <span>{t('cases.clocks.due', { at: formatDateTime(d.dueAt, lang) })}</span>
      <span>
        {d.doneAt === null
          ? t('cases.clocks.notDone')
          : t('cases.clocks.doneAt', { at: formatDateTime(d.doneAt, lang) })}
      </span>
      {late === undefined ? (
        d.doneAt !== null && <Tag color="success">{t('cases.clocks.onTime')}</Tag>
      ) : (
        <Tag color="error">{late}</Tag>
      )}
    </Space>
  )
}

/**
 * CASE.REPORT's clocks of a case — the online direct report within 2 h of diagnosis, the case
 * investigation within 24 h of the report (the rule set's hours) — and, for writers, the
 * "investigation complete" action (once).
 */
export function CaseClocks({ c, canWrite }: { c: CaseRecord; canWrite: boolean }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const queryClient = useQueryClient()
  const { message, modal } = App.useApp()
  const complete = useMutation({
    mutationFn: () => call(CaseRoutes.investigationComplete, { params: { id: c.id } }),
    onSuccess: async (updated) => {
      void message.success(t('cases.clocks.completed'))
      queryClient.setQueryData(caseKey(c.id), updated)
      await invalidateCases(queryClient)
    },
  })
  const now = Date.now()
  return (
    <Card
      title={t('cases.clocks.title')}
      data-testid="case-clocks"
      extra={
        canWrite &&
        c.investigationCompletedAt === null && (
          <Button
            loading={complete.isPending}
            onClick={() => {
              void modal.confirm({
                title: t('cases.clocks.completeTitle'),
                content: t('cases.clocks.completeContent'),
                okText: t('cases.clocks.complete'),
                cancelText: t('common.cancel'),
                okButtonProps: { 'data-testid': 'case-investigation-complete-ok' },
                onOk: () => {
                  complete.mutate()
                },
              })
            }}
            data-testid="case-investigation-complete"
          >
            {t('cases.clocks.complete')}
          </Button>
        )
      }
    >
      {complete.isError && <ErrorAlert error={complete.error} />}
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('cases.diagnosedAt')}>
          {c.diagnosedAt === null ? '—' : formatDateTime(c.diagnosedAt, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.reportedAt')}>
          {formatDateTime(c.reportedAt, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.clocks.report')}>
          <Clock d={c.deadlines.report} now={now} testId="case-clock-report" />
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.clocks.investigation')}>
          <Clock d={c.deadlines.investigation} now={now} testId="case-clock-investigation" />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  )
}
