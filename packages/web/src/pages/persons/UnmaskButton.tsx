import { useState } from 'react'
import { Button, Form, Input, Modal } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { UnmaskedIdentity } from '@lianfang/contracts'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/ErrorAlert'

interface ReasonForm {
  reason: string
}

/**
 * Asks why the full identity number is needed and, on confirmation, fetches it. The server
 * audits every unmasking with the reason given (DESIGN.md, data rules).
 */
export function UnmaskButton({
  personId,
  onUnmasked,
}: {
  personId: string
  onUnmasked: (identity: UnmaskedIdentity) => void
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<ReasonForm>()
  const unmask = useMutation({
    mutationFn: (reason: string) => api.unmaskPerson(personId, reason),
    onSuccess: (identity) => {
      onUnmasked(identity)
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
        data-testid="unmask-button"
      >
        {t('unmask.button')}
      </Button>
      <Modal
        open={open}
        title={t('unmask.title')}
        okText={t('unmask.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={unmask.isPending}
        onOk={() => {
          form.submit()
        }}
        onCancel={() => {
          setOpen(false)
          unmask.reset()
        }}
        okButtonProps={{ 'data-testid': 'unmask-confirm' }}
        destroyOnHidden
      >
        <p>{t('unmask.explain')}</p>
        {unmask.isError && <ErrorAlert error={unmask.error} />}
        <Form<ReasonForm>
          form={form}
          layout="vertical"
          onFinish={(v) => {
            unmask.mutate(v.reason.trim())
          }}
        >
          <Form.Item
            name="reason"
            label={t('unmask.reason')}
            rules={[
              { required: true, whitespace: true, message: t('unmask.reasonRequired') },
              { min: 4, max: 500, message: t('unmask.reasonLength') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="unmask-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
