import { useState } from 'react'
import { Alert, App, Button, Modal, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { UserRoutes, type PasswordReset, type UserSummary } from '@lianfang/contracts'
import { call } from '../../api/call'
import { queryKeys } from '../../api/queries'
import { errorMessage } from '../../components/ErrorAlert'

/**
 * 重置密码, for a user who forgot theirs: after a confirmation (the user is signed out at once
 * and the old password stops working), the server sets a random temporary password, shown here
 * once to hand over; it is not kept anywhere in the console.
 */
export function ResetPasswordButton({ user }: { user: UserSummary }) {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const [result, setResult] = useState<PasswordReset | null>(null)
  const reset = useMutation({
    mutationFn: () => call(UserRoutes.resetPassword, { params: { id: user.id } }),
    onSuccess: async (answer) => {
      setResult(answer)
      await queryClient.invalidateQueries({ queryKey: queryKeys.users })
    },
    onError: (error) => {
      void message.error(errorMessage(error, t))
    },
  })
  const confirm = () => {
    modal.confirm({
      title: t('passwordReset.confirmTitle', { name: user.displayName }),
      content: t('passwordReset.confirmBody'),
      okText: t('passwordReset.action'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'user-reset-ok' },
      onOk: () => reset.mutateAsync().catch(() => undefined),
    })
  }
  return (
    <>
      <Button size="small" loading={reset.isPending} onClick={confirm} data-testid={`user-reset-${user.id}`}>
        {t('passwordReset.action')}
      </Button>
      <Modal
        open={result !== null}
        title={t('passwordReset.doneTitle', { name: user.displayName })}
        onCancel={() => {
          setResult(null)
        }}
        footer={
          <Button
            type="primary"
            onClick={() => {
              setResult(null)
            }}
            data-testid="user-reset-close"
          >
            {t('passwordReset.close')}
          </Button>
        }
        destroyOnHidden
      >
        {result !== null && (
          <>
            <Typography.Paragraph>
              {t('passwordReset.handOver', { username: result.user.username })}
            </Typography.Paragraph>
            <Typography.Paragraph>
              <Typography.Text code copyable style={{ fontSize: 20 }} data-testid="user-reset-password">
                {result.temporaryPassword}
              </Typography.Text>
            </Typography.Paragraph>
            <Alert
              type="warning"
              showIcon
              title={t('passwordReset.onceOnly')}
              description={t('passwordReset.sessionsEnded', { count: result.sessionsEnded })}
            />
          </>
        )}
      </Modal>
    </>
  )
}
