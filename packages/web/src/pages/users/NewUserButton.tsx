import { Form, Input, Select, type FormInstance } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { UserRoutes, type CreateUserBody, type UserSummary } from '@lianfang/contracts'
import { ROLES, type Role } from '@lianfang/core'
import { call } from '../../api/call'
import { queryKeys } from '../../api/queries'
import { MutationButton } from '../../components/list-kit'
import { PersonPicker } from '../../components/PersonPicker'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'

interface UserForm {
  username?: string
  displayName?: string
  password?: string
  role?: Role
  regionCode?: string
  personId?: string
}

/** The server's rules (`CreateUserBody`). */
const USERNAME = /^[a-z0-9_.-]{3,64}$/
const MIN_PASSWORD = 10

/**
 * 新建账号: an account in the admin's region subtree, the form empty. A citizen's account names
 * its person (found in the register, in scope) and lives in the person's region; the server
 * refuses a person of another region and a second account for one person.
 */
export function NewUserButton() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const body = (v: UserForm): CreateUserBody => ({
    username: (v.username ?? '').trim(),
    displayName: (v.displayName ?? '').trim(),
    password: v.password ?? '',
    role: v.role ?? 'citizen',
    regionCode: v.regionCode ?? '',
    ...(v.role === 'citizen' && v.personId !== undefined ? { personId: v.personId } : {}),
  })
  return (
    <MutationButton<UserForm, UserSummary>
      buttonText={t('userForm.createButton')}
      buttonProps={{ type: 'primary', size: 'middle' }}
      buttonTestId="user-create"
      testId="user-create"
      title={t('userForm.createTitle')}
      okText={t('userForm.createOk')}
      mutationFn={(v) => call(UserRoutes.create, { body: body(v) })}
      onSuccess={() => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.users })
      }}
    >
      <Form.Item
        name="username"
        label={t('users.username')}
        extra={t('userForm.usernameHint')}
        rules={[
          { required: true, message: t('userForm.usernameRequired') },
          { pattern: USERNAME, message: t('userForm.usernameInvalid') },
        ]}
      >
        <Input maxLength={64} autoComplete="off" data-testid="user-form-username" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[{ required: true, whitespace: true, message: t('userForm.displayNameRequired') }]}
      >
        <Input maxLength={100} autoComplete="off" data-testid="user-form-display-name" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('userForm.password')}
        extra={t('userForm.passwordHint', { min: MIN_PASSWORD })}
        rules={[
          { required: true, message: t('userForm.passwordRequired') },
          { min: MIN_PASSWORD, message: t('userForm.passwordTooShort', { min: MIN_PASSWORD }) },
        ]}
      >
        <Input.Password maxLength={200} autoComplete="new-password" data-testid="user-form-password" />
      </Form.Item>
      <Form.Item
        name="role"
        label={t('users.role')}
        rules={[{ required: true, message: t('userForm.roleRequired') }]}
      >
        <Select
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          data-testid="user-form-role"
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['role']}>
        {(form: FormInstance<UserForm>) => <RegionOrPerson form={form} />}
      </Form.Item>
    </MutationButton>
  )
}

/** Staff: the region by name. A citizen: the person, whose region the account takes. */
function RegionOrPerson({ form }: { form: FormInstance<UserForm> }) {
  const { t } = useTranslation()
  if (form.getFieldValue('role') !== 'citizen') {
    return (
      <Form.Item
        name="regionCode"
        label={t('person.region')}
        rules={[{ required: true, message: t('personForm.regionRequired') }]}
      >
        <RegionTreeSelect placeholder={t('personForm.regionPlaceholder')} testId="user-form-region" />
      </Form.Item>
    )
  }
  return (
    <>
      <Form.Item
        name="personId"
        label={t('userForm.person')}
        extra={t('userForm.personHint')}
        rules={[{ required: true, message: t('userForm.personRequired') }]}
      >
        <PersonPicker
          testId="user-form-person"
          onPick={(p) => {
            form.setFieldValue('regionCode', p?.regionCode)
          }}
        />
      </Form.Item>
      <Form.Item name="regionCode" hidden>
        <Input />
      </Form.Item>
    </>
  )
}
