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
  confirmOf,
}: {
  label: string
  testId: string
  initialValues?: Partial<T>
  submit: (values: T) => Promise<unknown>
  onDone?: (result: unknown) => void
  children: ReactNode
  danger?: boolean
  /**
   * What the recorded fact will do, when it deserves a second look (it turns a code red): the
   * form's values are shown in a confirmation before anything is written (#16).
   */
  confirmOf?: (values: T) => { title: string; content: ReactNode } | undefined
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<T>()
  const queryClient = useQueryClient()
  const { message, modal } = App.useApp()
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
            const ask = confirmOf?.(v)
            if (ask === undefined) {
              mutation.mutate(v)
              return
            }
            void modal.confirm({
              title: ask.title,
              content: ask.content,
              okText: t('facts.confirmOk'),
              cancelText: t('common.cancel'),
              okButtonProps: { danger: true, 'data-testid': `${testId}-confirm` },
              onOk: () => {
                mutation.mutate(v)
              },
            })
          }}
        >
          {children}
        </Form>
      </Modal>
    </>
  )
}
