import { App, Form, Input, Modal } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/ErrorAlert'
import { AuthRoutes } from '@lianfang/contracts'
import { call } from '../../api/call'

interface PasswordForm {
  currentPassword: string
  newPassword: string
  repeat: string
}

/** The server's minimum (`ChangePasswordBody`). */
const MIN_LENGTH = 10

/**
 * The form field a refusal is about: the server answers a wrong current password (and a new one
 * equal to it) with VALIDATION_FAILED naming `body/currentPassword` (`body/newPassword`); these are
 * shown on their field in the user's language, not as the server's English words.
 */
function refusedField(error: unknown): 'currentPassword' | 'newPassword' | undefined {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details))
    return undefined
  const paths = error.details.map((d: unknown) =>
    typeof d === 'object' && d !== null && 'path' in d ? d.path : undefined,
  )
  if (paths.includes('body/currentPassword')) return 'currentPassword'
  if (paths.includes('body/newPassword')) return 'newPassword'
  return undefined
}

/**
 * Changing one's own password (every signed-in user, from the user menu). The server checks the
 * current password and ends the user's other sessions; this one stays signed in. `forced`: the
 * password is one an admin chose (`Me.mustChangePassword`) — the modal cannot be closed, says why,
 * and its second button signs out (`onSignOut`) instead of cancelling.
 */
export function ChangePasswordModal({
  open,
  onClose,
  forced = false,
  onSignOut,
}: {
  open: boolean
  onClose: () => void
  forced?: boolean
  onSignOut?: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<PasswordForm>()
  const change = useMutation({
    mutationFn: (v: PasswordForm) =>
      call(AuthRoutes.changePassword, {
        body: { currentPassword: v.currentPassword, newPassword: v.newPassword },
      }),
    onSuccess: () => {
      void message.success(t('password.changed'))
      form.resetFields()
      onClose()
    },
    onError: (error) => {
      const field = refusedField(error)
      if (field === 'currentPassword') form.setFields([{ name: field, errors: [t('password.currentWrong')] }])
      if (field === 'newPassword') form.setFields([{ name: field, errors: [t('password.sameAsCurrent')] }])
    },
  })

  return (
    <Modal
      open={open}
      title={t(forced ? 'password.forcedTitle' : 'password.title')}
      okText={t('password.submit')}
      cancelText={t(forced ? 'auth.logout' : 'common.cancel')}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      confirmLoading={change.isPending}
      onOk={() => {
        form.submit()
      }}
      onCancel={() => {
        if (forced) {
          onSignOut?.()
          return
        }
        change.reset()
        form.resetFields()
        onClose()
      }}
      okButtonProps={{ 'data-testid': 'password-submit' }}
      cancelButtonProps={{ 'data-testid': forced ? 'password-sign-out' : 'password-cancel' }}
      destroyOnHidden
    >
      {forced && <p data-testid="password-forced">{t('password.forcedExplain')}</p>}
      <p>{t('password.explain')}</p>
      {change.isError && refusedField(change.error) === undefined && <ErrorAlert error={change.error} />}
      <Form<PasswordForm>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          change.mutate(v)
        }}
      >
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" maxLength={200} data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[
            { required: true, message: t('password.newRequired') },
            { min: MIN_LENGTH, message: t('password.tooShort', { min: MIN_LENGTH }) },
            ({ getFieldValue }) => ({
              validator: (_rule, value: unknown) =>
                value !== undefined && value === getFieldValue('currentPassword')
                  ? Promise.reject(new Error(t('password.sameAsCurrent')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('password.repeat')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.repeatRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: unknown) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} data-testid="password-repeat" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
