import { useRegionName } from '../../components/RegionName'
import { useState } from 'react'
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { KeyRoutes, type KeyInfo } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'

/** The change being confirmed: rotating away from the active key, or revoking one key. */
type Change = { action: 'rotate' | 'revoke'; kid: string }

const STATUS_COLOUR: Record<KeyInfo['status'], string> = {
  active: 'green',
  retired: 'default',
  revoked: 'red',
}

/**
 * The node's signing keys. Everyone holding `node:keys` sees them; only the node's operators
 * (admins of the node region, `GET /api/keys/access`) get the rotate and revoke buttons, and
 * each change asks for the key id typed again and a reason before it is sent (the server checks
 * both too, and audits the change).
 */
export default function KeysPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const keys = useQuery({ queryKey: queryKeyOf(KeyRoutes.list), queryFn: () => call(KeyRoutes.list) })
  const access = useQuery({ queryKey: queryKeyOf(KeyRoutes.access), queryFn: () => call(KeyRoutes.access) })
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [change, setChange] = useState<Change | undefined>()
  const [form] = Form.useForm<{ confirm: string; reason: string }>()
  const operator = access.data?.operator === true
  const nodeRegionCode = access.data?.nodeRegion ?? ''
  const nodeRegion = useRegionName(nodeRegionCode) ?? nodeRegionCode
  const active = keys.data?.find((k) => k.purpose === 'code' && k.status === 'active')

  const mutation = useMutation({
    mutationFn: ({ action, kid, confirm, reason }: Change & { confirm: string; reason: string }) =>
      action === 'rotate'
        ? call(KeyRoutes.rotate, { body: { confirm, reason } })
        : call(KeyRoutes.revoke, { params: { kid }, body: { confirm, reason } }),
    onSuccess: async (after, { action, kid }) => {
      // Say which key is in use now (rotate) or which one was revoked, not just "done".
      const next = after.find((k) => k.purpose === 'code' && k.status === 'active')
      void message.success(
        action === 'rotate' && next !== undefined
          ? t('signingKeys.rotated', { kid: next.kid })
          : t('signingKeys.revoked', { kid }),
      )
      setChange(undefined)
      form.resetFields()
      // The list and the access answer: every query of the `keys` collection.
      await queryClient.invalidateQueries({ queryKey: queryKeyOf(KeyRoutes.list).slice(0, 1) })
    },
    onError: (error) => {
      void message.error(errorMessage(error, t))
    },
  })

  const open = (next: Change) => {
    form.resetFields()
    setChange(next)
  }

  const columns: TableProps<KeyInfo>['columns'] = [
    {
      title: t('signingKeys.kid'),
      dataIndex: 'kid',
      key: 'kid',
      render: (kid: string) => <Typography.Text code>{kid}</Typography.Text>,
    },
    {
      title: t('signingKeys.purpose'),
      key: 'purpose',
      render: (_: unknown, k: KeyInfo) => t(`signingKeys.purposes.${k.purpose}`),
    },
    {
      title: t('signingKeys.status'),
      key: 'status',
      render: (_: unknown, k: KeyInfo) => (
        <Tag color={STATUS_COLOUR[k.status]} data-testid={`key-status-${k.kid}`}>
          {t(`signingKeys.statuses.${k.status}`)}
        </Tag>
      ),
    },
    {
      title: t('signingKeys.notAfter'),
      key: 'notAfter',
      render: (_: unknown, k: KeyInfo) => formatDateTime(k.notAfter, lang),
    },
    {
      title: t('signingKeys.actions'),
      key: 'actions',
      render: (_: unknown, k: KeyInfo) =>
        operator && k.purpose === 'code' && k.status !== 'revoked' ? (
          <Button
            size="small"
            danger
            onClick={() => {
              open({ action: 'revoke', kid: k.kid })
            }}
            data-testid={`key-revoke-${k.kid}`}
          >
            {t('signingKeys.revoke')}
          </Button>
        ) : null,
    },
  ]

  return (
    <Card
      title={t('signingKeys.title')}
      data-testid="keys-page"
      extra={
        operator && active ? (
          <Button
            type="primary"
            onClick={() => {
              open({ action: 'rotate', kid: active.kid })
            }}
            data-testid="key-rotate"
          >
            {t('signingKeys.rotate')}
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('signingKeys.explain', { nodeRegion })} />
        {access.data && !operator && (
          <Alert
            type="warning"
            showIcon
            title={t('signingKeys.notOperator', { nodeRegion })}
            data-testid="keys-not-operator"
          />
        )}
        {keys.isError && <ErrorAlert error={keys.error} />}
        <Table<KeyInfo>
          rowKey="kid"
          size="small"
          columns={columns}
          dataSource={keys.data ?? []}
          loading={keys.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="keys-table"
        />
      </Space>
      <Modal
        open={change !== undefined}
        title={
          change?.action === 'revoke'
            ? t('signingKeys.revokeTitle', { kid: change.kid })
            : t('signingKeys.rotateTitle')
        }
        okText={change?.action === 'revoke' ? t('signingKeys.revoke') : t('signingKeys.rotate')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, 'data-testid': 'key-change-ok' }}
        confirmLoading={mutation.isPending}
        onCancel={() => {
          setChange(undefined)
        }}
        onOk={() => {
          if (!change) return
          void form
            .validateFields()
            .then(({ confirm, reason }) => {
              mutation.mutate({ ...change, confirm, reason: reason.trim() })
            })
            .catch(() => undefined)
        }}
        destroyOnHidden
      >
        {change && (
          <Form form={form} layout="vertical" preserve={false}>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t(
                change.action === 'revoke' ? 'signingKeys.revokeWarning' : 'signingKeys.rotateWarning',
                { kid: change.kid },
              )}
            />
            <Form.Item
              name="confirm"
              label={t('signingKeys.confirmLabel', { kid: change.kid })}
              rules={[
                {
                  validator: async (_rule, value: unknown) => {
                    if (value !== change.kid) throw new Error(t('signingKeys.confirmMismatch'))
                  },
                },
              ]}
            >
              <Input autoComplete="off" spellCheck={false} data-testid="key-confirm-input" />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('signingKeys.reason')}
              rules={[{ required: true, whitespace: true, message: t('signingKeys.reasonRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={500} data-testid="key-reason-input" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Card>
  )
}
