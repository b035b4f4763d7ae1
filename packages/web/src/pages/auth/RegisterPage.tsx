import { useEffect, useState, type ReactNode } from 'react'
import { Alert, Button, Card, Form, Input, Result, Select, Space, Typography } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { Link, useNavigate } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { CitizenRoutes, type CitizenRegisterBody } from '@lianfang/contracts'
import { call } from '../../api/call'
import { isApiError } from '../../api/client'
import type { CitizenRegistered } from '../../api/types'
import { ErrorAlert } from '../../components/ErrorAlert'
import { LanguageSwitch } from '../../components/LanguageSwitch'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'

const ID_TYPES = ['resident', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent'] as const
const PHONE = /^1[3-9]\d{9}$/
/** Seconds before another code may be requested. */
const COOL_DOWN = 60

interface RegisterForm {
  phone: string
  code: string
  name: string
  idType: CitizenRegisterBody['idType']
  idNumber: string
  regionCode?: string
  password: string
  confirm: string
}

/** Seconds left of a count-down that ticks once a second while positive. */
function useCountdown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0)
  useEffect(() => {
    if (left <= 0) return
    const timer = setTimeout(() => {
      setLeft((s) => s - 1)
    }, 1000)
    return () => {
      clearTimeout(timer)
    }
  }, [left])
  return [left, setLeft]
}

/**
 * A citizen's sign-up: phone number confirmed by an SMS code, identity, and (only when the
 * person is not yet in the register) the community they live in. They then sign in with
 * their phone number as user name.
 */
export default function RegisterPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [form] = Form.useForm<RegisterForm>()
  const [coolDown, startCoolDown] = useCountdown()
  const [done, setDone] = useState<CitizenRegistered | null>(null)

  const otp = useMutation({
    mutationFn: (phone: string) => call(CitizenRoutes.requestOtp, { body: { phone } }),
    onSuccess: () => {
      startCoolDown(COOL_DOWN)
    },
  })
  const register = useMutation({
    mutationFn: (body: CitizenRegisterBody) => call(CitizenRoutes.register, { body }),
    onSuccess: setDone,
    onError: (error) => {
      // Not in the register yet: the community is needed after all.
      if (isApiError(error) && error.code === 'VALIDATION_FAILED' && error.message.includes('regionCode')) {
        form.setFields([{ name: 'regionCode', errors: [t('register.communityNeeded')] }])
      }
      // Registered with another phone (or none), or not registered and no community chosen: the
      // server answers both alike so that it does not tell whether an ID number is registered.
      if (isApiError(error) && error.code === 'IDENTITY_NOT_VERIFIED') {
        form.setFields([{ name: 'regionCode', errors: [t('register.notVerified')] }])
      }
    },
  })

  const sendCode = async () => {
    const { phone } = await form.validateFields(['phone'])
    otp.mutate(phone)
  }

  const frame = (content: ReactNode) => (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        padding: '56px 12px 24px',
        background: 'linear-gradient(160deg, #e6f4ff 0%, #f5f5f5 60%)',
      }}
    >
      <div style={{ position: 'absolute', top: 12, right: 12 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 440 }}>{content}</Card>
    </div>
  )

  if (done !== null) {
    return frame(
      <Result
        status="success"
        title={t('register.doneTitle')}
        subTitle={
          <Space orientation="vertical" size={4}>
            <span>{t('register.doneBody', { username: done.username })}</span>
            {done.linkedExisting && <span>{t('register.linkedExisting')}</span>}
          </Space>
        }
        extra={
          <Button
            type="primary"
            size="large"
            onClick={() => void navigate('/login', { state: { username: done.username } })}
            data-testid="register-to-login"
          >
            {t('register.toLogin')}
          </Button>
        }
        data-testid="register-done"
      />,
    )
  }

  return frame(
    <>
      <Typography.Title level={3} style={{ marginTop: 0, textAlign: 'center' }}>
        {t('register.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        {t('register.subtitle')}
      </Typography.Paragraph>
      {otp.isError && <ErrorAlert error={otp.error} />}
      {otp.isSuccess && (
        <Alert
          type="info"
          showIcon
          title={t('register.codeSent', { minutes: Math.max(1, Math.round(otp.data.expiresInSeconds / 60)) })}
          style={{ marginBottom: 16 }}
          data-testid="register-code-sent"
        />
      )}
      {register.isError && <ErrorAlert error={register.error} />}
      <Form<RegisterForm>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ idType: 'resident' }}
        onFinish={(v) => {
          const body: CitizenRegisterBody = {
            phone: v.phone,
            code: v.code,
            name: v.name.trim(),
            idType: v.idType,
            idNumber: v.idNumber.trim().toUpperCase(),
            password: v.password,
          }
          if (v.regionCode !== undefined) body.regionCode = v.regionCode
          register.mutate(body)
        }}
      >
        <Form.Item
          name="phone"
          label={t('register.phone')}
          rules={[
            { required: true, message: t('register.phoneRequired') },
            { pattern: PHONE, message: t('register.phoneInvalid') },
          ]}
        >
          <Input inputMode="tel" autoComplete="tel" maxLength={11} data-testid="register-phone" />
        </Form.Item>
        <Form.Item label={t('register.code')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="code"
              noStyle
              rules={[
                { required: true, message: t('register.codeRequired') },
                { pattern: /^\d{6}$/, message: t('register.codeInvalid') },
              ]}
            >
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                data-testid="register-code"
              />
            </Form.Item>
            <Button
              disabled={coolDown > 0}
              loading={otp.isPending}
              onClick={() => void sendCode().catch(() => undefined)}
              data-testid="register-send-code"
            >
              {coolDown > 0 ? t('register.resendIn', { seconds: coolDown }) : t('register.sendCode')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item
          name="name"
          label={t('register.name')}
          rules={[{ required: true, whitespace: true, message: t('register.nameRequired') }]}
        >
          <Input autoComplete="name" maxLength={100} data-testid="register-name" />
        </Form.Item>
        <Form.Item name="idType" label={t('register.idType')} required>
          <Select
            options={ID_TYPES.map((v) => ({ value: v, label: t(`idType.${v}`) }))}
            data-testid="register-id-type"
          />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('register.idNumber')}
          rules={[{ required: true, whitespace: true, message: t('register.idNumberRequired') }]}
        >
          <Input maxLength={40} autoComplete="off" data-testid="register-id-number" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('register.community')} extra={t('register.communityHelp')}>
          <RegionTreeSelect
            source="public"
            placeholder={t('register.communityPlaceholder')}
            testId="register-region"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[
            { required: true, message: t('auth.passwordRequired') },
            { min: 10, max: 200, message: t('register.passwordLength') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="register-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('register.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('register.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('register.confirmMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="register-confirm" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={register.isPending}
          data-testid="register-submit"
        >
          {t('register.submit')}
        </Button>
      </Form>
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <Link to="/login">{t('register.haveAccount')}</Link>
      </div>
    </>,
  )
}
