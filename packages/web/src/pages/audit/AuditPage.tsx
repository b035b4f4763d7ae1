import { useState } from 'react'
import { Alert, Button, Card, Flex, Input, Table, Typography, type TableProps } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useSearchParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { AuditQuery, AuditRecord, AuditVerifyResult } from '@lianfang/contracts'
import { isRole } from '@lianfang/core'
import { api } from '../../api/client'
import { useAudit } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime, positiveInt } from '../../components/format'
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
  const [params, setParams] = useSearchParams()
  const targetType = params.get('targetType') ?? ''
  const targetId = params.get('targetId') ?? ''
  const page = positiveInt(params.get('page'), 1)
  const pageSize = positiveInt(params.get('pageSize'), 20, 200)
  const [draftType, setDraftType] = useState(targetType)
  const [draftId, setDraftId] = useState(targetId)

  const query: AuditQuery = { page, pageSize }
  if (targetType !== '') query.targetType = targetType
  if (targetId !== '') query.targetId = targetId
  const audit = useAudit(query)
  const verify = useMutation({ mutationFn: api.auditVerify })

  const apply = () => {
    const next = new URLSearchParams()
    if (draftType.trim() !== '') next.set('targetType', draftType.trim())
    if (draftId.trim() !== '') next.set('targetId', draftId.trim())
    setParams(next)
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
      {audit.isError && <ErrorAlert error={audit.error} />}
      <Table<AuditRecord>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={audit.data?.items ?? []}
        loading={audit.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: audit.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, nextSize) => {
            const next = new URLSearchParams(params)
            next.set('page', String(nextSize === pageSize ? nextPage : 1))
            next.set('pageSize', String(nextSize))
            setParams(next)
          },
        }}
        data-testid="audit-table"
      />
    </Card>
  )
}
