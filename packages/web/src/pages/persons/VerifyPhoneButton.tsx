import { useState } from 'react'
import { Button, Form, Input, Modal } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { PersonDetail } from '@lianfang/contracts'
import { api } from '../../api/client'
import { queryKeys } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'

interface VerifyForm {
  phone: string
  reason: string
}

/**
 * The staff-verified step of citizen registration: after checking the person's identity
 * document, set the phone they control. A citizen account binds to a person only from the
 * phone on record, so this is how someone registered without a phone (or with a number not
 * theirs) gets their account. The server audits it with the reason.
 */
export function VerifyPhoneButton({ person }: { person: PersonDetail }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<VerifyForm>()
  const verify = useMutation({
    mutationFn: (v: VerifyForm) =>
      api.verifyPersonPhone(person.id, { version: person.version, phone: v.phone, reason: v.reason }),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.person(person.id), updated)
      setOpen(false)
      form.resetFields()
    },
  })

  return (
    <>
      <Button
        size="small"
        onClick={() => {
          setOpen(true)
        }}
        data-testid="verify-phone-button"
      >
        {t('verifyPhone.button')}
      </Button>
      <Modal
        open={open}
        title={t('verifyPhone.title')}
        okText={t('verifyPhone.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={verify.isPending}
        onOk={() => {
          form.submit()
        }}
        onCancel={() => {
          setOpen(false)
          verify.reset()
        }}
        okButtonProps={{ 'data-testid': 'verify-phone-confirm' }}
        destroyOnHidden
      >
        <p>{t('verifyPhone.explain')}</p>
        {verify.isError && <ErrorAlert error={verify.error} />}
        <Form<VerifyForm>
          form={form}
          layout="vertical"
          onFinish={(v) => {
            verify.mutate({ phone: v.phone.trim(), reason: v.reason.trim() })
          }}
        >
          <Form.Item
            name="phone"
            label={t('verifyPhone.phone')}
            rules={[
              { required: true, message: t('verifyPhone.phoneRequired') },
              { pattern: /^\+?\d{5,20}$/, message: t('register.phoneInvalid') },
            ]}
          >
            <Input inputMode="tel" maxLength={21} data-testid="verify-phone-phone" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('verifyPhone.reason')}
            rules={[
              { required: true, whitespace: true, message: t('verifyPhone.reasonRequired') },
              { min: 4, max: 500, message: t('verifyPhone.reasonLength') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="verify-phone-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
