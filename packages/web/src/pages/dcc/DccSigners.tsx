import { useState } from 'react'
import { Alert, App, Button, Card, Form, Input, Space, Table, Typography, type TableProps } from 'antd'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { DccRoutes, MAX_DSC_PEM_LENGTH, type DccSigner } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { MutationModal } from '../../components/list-kit'
import { currentLanguage } from '../../i18n'

/**
 * The node's trust list of document signer certificates, for `node:keys` holders: add one from
 * PEM text, remove one with a reason (asked twice; the server audits both and lets only the node's
 * operators change the list).
 */
export function DccSigners() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const signers = useQuery({
    queryKey: queryKeyOf(DccRoutes.signers),
    queryFn: () => call(DccRoutes.signers),
  })
  const [adding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<DccSigner | undefined>()
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeyOf(DccRoutes.signers) })

  const columns: TableProps<DccSigner>['columns'] = [
    { title: t('dcc.signers.label'), dataIndex: 'label', key: 'label' },
    { title: t('dcc.signers.country'), key: 'country', render: (_: unknown, s) => s.country ?? '—' },
    {
      title: t('dcc.signers.kid'),
      key: 'kid',
      render: (_: unknown, s) => <Typography.Text code>{s.kid}</Typography.Text>,
    },
    {
      title: t('dcc.signers.validity'),
      key: 'validity',
      render: (_: unknown, s) => `${formatDateTime(s.notBefore, lang)} – ${formatDateTime(s.notAfter, lang)}`,
    },
    { title: t('dcc.signers.addedBy'), key: 'addedBy', render: (_: unknown, s) => s.addedBy ?? '—' },
    {
      key: 'actions',
      render: (_: unknown, s) => (
        <Button
          size="small"
          danger
          data-testid={`dcc-signer-remove-${s.id}`}
          onClick={() => {
            setRemoving(s)
          }}
        >
          {t('dcc.signers.remove')}
        </Button>
      ),
    },
  ]

  return (
    <Card
      title={t('dcc.signers.title')}
      data-testid="dcc-signers"
      extra={
        <Button
          data-testid="dcc-signer-add"
          onClick={() => {
            setAdding(true)
          }}
        >
          {t('dcc.signers.add')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('dcc.signers.explain')} />
        {signers.isError && <ErrorAlert error={signers.error} />}
        <Table<DccSigner>
          rowKey="id"
          size="small"
          loading={signers.isLoading}
          dataSource={signers.data ?? []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: <span data-testid="dcc-signers-empty">{t('dcc.signers.none')}</span> }}
        />
      </Space>
      <MutationModal<{ pem: string; label?: string }, DccSigner>
        open={adding}
        onClose={() => {
          setAdding(false)
        }}
        title={t('dcc.signers.add')}
        okText={t('dcc.signers.add')}
        testId="dcc-signer-add-modal"
        mutationFn={({ pem, label }) =>
          call(DccRoutes.addSigner, { body: { pem, ...(label?.trim() ? { label: label.trim() } : {}) } })
        }
        onSuccess={(added) => {
          void message.success(t('dcc.signers.added', { label: added.label }))
          void refresh()
        }}
      >
        <Form.Item
          name="pem"
          label={t('dcc.signers.pem')}
          rules={[{ required: true, whitespace: true, message: t('dcc.signers.pemRequired') }]}
        >
          <Input.TextArea
            data-testid="dcc-signer-pem"
            rows={8}
            maxLength={MAX_DSC_PEM_LENGTH}
            placeholder={t('dcc.signers.pemPlaceholder')}
            style={{ fontFamily: 'monospace' }}
          />
        </Form.Item>
        <Form.Item name="label" label={t('dcc.signers.labelOptional')}>
          <Input data-testid="dcc-signer-label" maxLength={200} />
        </Form.Item>
      </MutationModal>
      <MutationModal<{ reason: string }, DccSigner[]>
        open={removing !== undefined}
        onClose={() => {
          setRemoving(undefined)
        }}
        title={t('dcc.signers.removeTitle', { label: removing?.label ?? '' })}
        explain={t('dcc.signers.removeWarning')}
        okText={t('dcc.signers.confirmRemove')}
        testId="dcc-signer-remove-modal"
        reason={{
          label: t('dcc.signers.removeReason'),
          requiredMessage: t('dcc.signers.reasonRequired'),
          lengthMessage: t('dcc.signers.reasonRequired'),
          min: 2,
          max: 500,
        }}
        confirm={t('dcc.signers.removeWarning')}
        mutationFn={({ reason }) =>
          call(DccRoutes.removeSigner, { params: { id: removing?.id ?? '' }, body: { reason } })
        }
        onSuccess={(after) => {
          void message.success(t('dcc.signers.removed', { label: removing?.label ?? '' }))
          queryClient.setQueryData(queryKeyOf(DccRoutes.signers), after)
        }}
      />
    </Card>
  )
}
