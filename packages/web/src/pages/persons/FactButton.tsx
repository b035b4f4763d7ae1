import { useState, type ReactNode } from 'react'
import { App, Button, Form, Modal } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { invalidateCodes } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'

/**
 * A button opening a modal form that records one fact about a person. On success every
 * colour is refetched (the server recomputed it in the same transaction).
 */
export function FactButton<T extends object>({
  label,
  testId,
  initialValues,
  submit,
  onDone,
  children,
  danger,
}: {
  label: string
  testId: string
  initialValues?: Partial<T>
  submit: (values: T) => Promise<unknown>
  onDone?: (result: unknown) => void
  children: ReactNode
  danger?: boolean
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<T>()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: async (result) => {
      onDone?.(result)
      setOpen(false)
      form.resetFields()
      void message.success(t('facts.saved'))
      await invalidateCodes(queryClient)
    },
  })
  return (
    <>
      <Button
        size="small"
        {...(danger === true ? { danger: true } : {})}
        onClick={() => {
          setOpen(true)
        }}
        data-testid={testId}
      >
        {label}
      </Button>
      <Modal
        open={open}
        title={label}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={mutation.isPending}
        onOk={() => {
          form.submit()
        }}
        onCancel={() => {
          setOpen(false)
          mutation.reset()
        }}
        okButtonProps={{ 'data-testid': `${testId}-ok` }}
        destroyOnHidden
      >
        {mutation.isError && <ErrorAlert error={mutation.error} />}
        <Form<T>
          form={form}
          layout="vertical"
          {...(initialValues === undefined ? {} : { initialValues })}
          onFinish={(v) => {
            mutation.mutate(v)
          }}
        >
          {children}
        </Form>
      </Modal>
    </>
  )
}
