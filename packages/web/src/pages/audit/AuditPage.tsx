import { useEffect, useState } from 'react'
import { Alert, Button, Card, Flex, Input, Typography, type TableProps } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { AuditRoutes, type AuditQuery, type AuditRecord, type AuditVerifyResult } from '@lianfang/contracts'
import { isRole } from '@lianfang/core'
import { call } from '../../api/call'
import { useAudit } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { PagedTable, useUrlListState } from '../../components/list-kit'
import { currentLanguage } from '../../i18n'

function VerifyOutcome({ result }: { result: AuditVerifyResult }) {
  const { t } = useTranslation()
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('audit.verifyOk', { checked: result.checked })}
        style={{ marginBottom: 16 }}
        data-testid="audit-verify-result"
      />
    )
  }
  const listed = result.broken.slice(0, 20)
  return (
    <Alert
      type="error"
      showIcon
      title={t('audit.verifyBrokenCount', { count: result.brokenCount, id: result.brokenAt ?? '?' })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {listed.map((b) => (
            <li key={`${b.id}-${b.problem}`}>
              {t(b.problem === 'edited' ? 'audit.breakEdited' : 'audit.breakLink', { id: b.id })}
            </li>
          ))}
          {result.brokenCount > listed.length && (
            <li>{t('audit.breakMore', { count: result.brokenCount - listed.length })}</li>
          )}
        </ul>
      }
      style={{ marginBottom: 16 }}
      data-testid="audit-verify-result"
    />
  )
}

/** The append-only, hash-chained audit log, with a check of the whole chain. */
export default function AuditPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const list = useUrlListState({ filters: ['targetType', 'targetId'] })
  const { targetType, targetId } = list.filters
  const [draftType, setDraftType] = useState(targetType ?? '')
  const [draftId, setDraftId] = useState(targetId ?? '')
  useEffect(() => {
    setDraftType(targetType ?? '')
    setDraftId(targetId ?? '')
  }, [targetType, targetId])

  const query: AuditQuery = { page: list.page, pageSize: list.pageSize }
  if (targetType !== undefined) query.targetType = targetType
  if (targetId !== undefined) query.targetId = targetId
  const audit = useAudit(query)
  const verify = useMutation({ mutationFn: () => call(AuditRoutes.verify) })

  const apply = () => {
    list.setFilters({ targetType: draftType, targetId: draftId })
  }

  const columns: TableProps<AuditRecord>['columns'] = [
    { title: t('audit.at'), key: 'at', render: (_: unknown, r: AuditRecord) => formatDateTime(r.at, lang) },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_: unknown, r) =>
        `${r.actorName} (${isRole(r.actorRole) ? t(`role.${r.actorRole}`) : r.actorRole})`,
    },
    { title: t('audit.action'), dataIndex: 'action', key: 'action' },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_: unknown, r) => (r.targetId === null ? r.targetType : `${r.targetType} #${r.targetId}`),
    },
    { title: t('audit.reason'), key: 'reason', render: (_: unknown, r) => r.reason ?? '—' },
    {
      title: t('audit.hash'),
      key: 'hash',
      render: (_: unknown, r) => (
        <Typography.Text code title={r.hash}>
          {r.hash.slice(0, 8)}…
        </Typography.Text>
      ),
    },
  ]

  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button
          type="primary"
          loading={verify.isPending}
          onClick={() => {
            verify.mutate()
          }}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      }
    >
      {verify.isError && <ErrorAlert error={verify.error} />}
      {verify.data !== undefined && <VerifyOutcome result={verify.data} />}
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input
          allowClear
          placeholder={t('audit.targetType')}
          value={draftType}
          onChange={(e) => {
            setDraftType(e.target.value)
          }}
          onPressEnter={apply}
          style={{ flex: '1 1 160px', maxWidth: 220 }}
        />
        <Input
          allowClear
          placeholder={t('audit.targetId')}
          value={draftId}
          onChange={(e) => {
            setDraftId(e.target.value)
          }}
          onPressEnter={apply}
          style={{ flex: '1 1 160px', maxWidth: 220 }}
        />
        <Button onClick={apply}>{t('common.filter')}</Button>
      </Flex>
      <PagedTable<AuditRecord>
        query={audit}
        list={list}
        rowKey="id"
        size="small"
        columns={columns}
        emptyText={t('audit.empty')}
        data-testid="audit-table"
      />
    </Card>
  )
}
