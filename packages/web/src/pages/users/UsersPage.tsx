import { App, Button, Card, Space, Table, Tag, Typography, type TableProps } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { UserRoutes, type UserSummary } from '@lianfang/contracts'
import { queryKeys, useUsers } from '../../api/queries'
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert'
import { useCan, useCurrentUser } from '../../layout/Guards'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { call } from '../../api/call'
import { NewUserButton } from './NewUserButton'
import { ResetPasswordButton } from './ResetPasswordButton'

type UserAction = 'unlock' | 'disable' | 'enable'

const isLocked = (u: UserSummary) => u.lockedUntil !== null && new Date(u.lockedUntil).getTime() > Date.now()

/**
 * The user accounts of the admin's region subtree: create one, unlock one whose sign-ins are held
 * back after failures, reset a forgotten password or disable one (both after a confirmation; the
 * sessions end at once), or enable it again. Refusals show as messages.
 */
export default function UsersPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const users = useUsers()
  const me = useCurrentUser()
  const canManage = useCan('user:manage')
  const queryClient = useQueryClient()
  const { message, modal } = App.useApp()
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: UserAction }) =>
      call(UserRoutes[action], { params: { id } }),
    onSuccess: async (_user, { action }) => {
      void message.success(t(`users.done.${action}`))
      await queryClient.invalidateQueries({ queryKey: queryKeys.users })
    },
    onError: (error) => {
      void message.error(errorMessage(error, t))
    },
  })
  const confirmDisable = (u: UserSummary) => {
    modal.confirm({
      title: t('users.disableConfirmTitle', { name: u.displayName }),
      content: t('users.disableConfirmBody'),
      okText: t('users.action.disable'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'user-disable-ok' },
      // A refusal closes the question and shows as a message (onError), not as an unhandled rejection.
      onOk: () => act.mutateAsync({ id: u.id, action: 'disable' }).catch(() => undefined),
    })
  }

  const columns: TableProps<UserSummary>['columns'] = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.role'), key: 'role', render: (_: unknown, u: UserSummary) => t(`role.${u.role}`) },
    {
      title: t('person.region'),
      key: 'region',
      render: (_: unknown, u: UserSummary) => <span title={u.regionCode}>{u.regionName}</span>,
    },
    {
      title: t('users.status'),
      key: 'status',
      render: (_: unknown, u) => {
        if (u.disabled) return <Tag color="default">{t('users.disabled')}</Tag>
        if (u.lockedUntil !== null && isLocked(u)) {
          return (
            <Tag color="orange">{t('users.lockedUntil', { time: formatDateTime(u.lockedUntil, lang) })}</Tag>
          )
        }
        return <Tag color="green">{t('users.active')}</Tag>
      },
    },
    {
      title: t('users.actions'),
      key: 'actions',
      render: (_: unknown, u) => {
        const busy = act.isPending && act.variables.id === u.id
        if (!canManage) return null
        return (
          <Space size="small">
            {u.id !== me.id && <ResetPasswordButton user={u} />}
            {isLocked(u) && (
              <Button
                size="small"
                loading={busy && act.variables.action === 'unlock'}
                onClick={() => {
                  act.mutate({ id: u.id, action: 'unlock' })
                }}
                data-testid={`user-unlock-${u.id}`}
              >
                {t('users.action.unlock')}
              </Button>
            )}
            {u.disabled ? (
              <Button
                size="small"
                loading={busy && act.variables.action === 'enable'}
                onClick={() => {
                  act.mutate({ id: u.id, action: 'enable' })
                }}
                data-testid={`user-enable-${u.id}`}
              >
                {t('users.action.enable')}
              </Button>
            ) : (
              u.id !== me.id && (
                <Button
                  size="small"
                  danger
                  onClick={() => {
                    confirmDisable(u)
                  }}
                  data-testid={`user-disable-${u.id}`}
                >
                  {t('users.action.disable')}
                </Button>
              )
            )}
          </Space>
        )
      },
    },
  ]

  return (
    <Card title={t('users.title')} extra={canManage ? <NewUserButton /> : undefined}>
      {users.isError && <ErrorAlert error={users.error} />}
      <Table<UserSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="users-table"
      />
    </Card>
  )
}
