import { useEffect, useState, type ReactNode } from 'react'
import { Alert, Button, Form, Input, Modal, type ButtonProps } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../ErrorAlert'
import { fieldErrorsOf } from './field-errors'

/** The reason field an audited action asks for (the server records it with the action). */
export interface ReasonField {
  readonly label: string
  readonly requiredMessage: string
  readonly lengthMessage: string
  readonly min?: number
  readonly max?: number
}

export interface MutationModalProps<V extends object, R> {
  readonly open: boolean
  readonly onClose: () => void
  readonly title: ReactNode
  /** What the action does, above the form. */
  readonly explain?: ReactNode
  readonly okText: string
  /** Prefix of the test ids: `<testId>-confirm`, `<testId>-reason`, `<testId>-confirm-danger`. */
  readonly testId: string
  /** Sends the form's values; its error, if any, is mapped onto the fields it names. */
  readonly mutationFn: (values: V) => Promise<R>
  readonly onSuccess?: (result: R, values: V) => void
  /** The form items (names are the keys of V); the form starts empty each time it opens. */
  readonly children?: ReactNode
  /** Defaults the form starts from instead of empty (a region, a kind), each time it opens. */
  readonly initialValues?: Partial<V>
  /** Adds a required `reason` text field (V must have `reason: string`). */
  readonly reason?: ReasonField
  /** A dangerous action: after the form validates, a second step asks to confirm this. */
  readonly confirm?: ReactNode
}

/**
 * A form in a modal that performs one mutation: it opens empty, validates, optionally asks a
 * second time for a dangerous action, shows the server's refusal — on the field the error's
 * `details` names where it names one, above the form otherwise — and closes on success.
 */
export function MutationModal<V extends object, R>(props: MutationModalProps<V, R>) {
  const { t } = useTranslation()
  const [form] = Form.useForm<V>()
  const [pending, setPending] = useState<V | null>(null)
  const [unmapped, setUnmapped] = useState(false)
  const mutation = useMutation({
    mutationFn: props.mutationFn,
    onSuccess: (result, values) => {
      props.onSuccess?.(result, values)
      props.onClose()
    },
    onError: (error) => {
      setPending(null)
      const registered = new Set(Object.keys(form.getFieldsValue(true) as object))
      for (const name of Object.keys(form.getFieldsValue())) registered.add(name)
      const onFields = fieldErrorsOf(error, t).filter((f) => registered.has(f.name))
      form.setFields(onFields.map((f) => ({ name: f.name as never, errors: [f.message] })))
      setUnmapped(onFields.length === 0)
    },
  })
  const { reset } = mutation

  // Opens empty: no values, errors or confirm step left from last time.
  useEffect(() => {
    if (!props.open) return
    form.resetFields()
    setPending(null)
    setUnmapped(false)
    reset()
  }, [props.open, form, reset])

  const submit = (values: V) => {
    if (props.confirm !== undefined && pending === null) {
      setPending(values)
      return
    }
    mutation.mutate(values)
  }

  const confirming = pending !== null
  const footer = confirming ? (
    <>
      <Button
        onClick={() => {
          setPending(null)
        }}
      >
        {t('common.back')}
      </Button>
      <Button
        danger
        type="primary"
        loading={mutation.isPending}
        onClick={() => {
          mutation.mutate(pending)
        }}
        data-testid={`${props.testId}-confirm-danger`}
      >
        {props.okText}
      </Button>
    </>
  ) : undefined

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.confirm === undefined ? props.okText : t('listKit.next')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => {
        form.submit()
      }}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': `${props.testId}-confirm` }}
      {...(footer === undefined ? {} : { footer })}
      destroyOnHidden
    >
      {props.explain !== undefined && <p>{props.explain}</p>}
      {mutation.isError && unmapped && <ErrorAlert error={mutation.error} />}
      {confirming && (
        <Alert
          type="warning"
          showIcon
          title={props.confirm}
          style={{ marginBottom: 16 }}
          data-testid={`${props.testId}-danger`}
        />
      )}
      <Form<V>
        form={form}
        layout="vertical"
        {...(props.initialValues === undefined ? {} : { initialValues: props.initialValues })}
        onFinish={submit}
        disabled={confirming || mutation.isPending}
        style={confirming ? { display: 'none' } : undefined}
      >
        {props.children}
        {props.reason !== undefined && (
          <Form.Item
            name="reason"
            label={props.reason.label}
            rules={[
              { required: true, whitespace: true, message: props.reason.requiredMessage },
              {
                min: props.reason.min ?? 4,
                max: props.reason.max ?? 500,
                message: props.reason.lengthMessage,
              },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={props.reason.max ?? 500}
              showCount
              data-testid={`${props.testId}-reason`}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}

/** A button that opens a {@link MutationModal}. */
export function MutationButton<V extends object, R>({
  buttonText,
  buttonProps,
  buttonTestId,
  ...modal
}: Omit<MutationModalProps<V, R>, 'open' | 'onClose'> & {
  buttonText: ReactNode
  buttonProps?: ButtonProps
  buttonTestId: string
}) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button
        size="small"
        {...buttonProps}
        onClick={() => {
          setOpen(true)
        }}
        data-testid={buttonTestId}
      >
        {buttonText}
      </Button>
      <MutationModal<V, R>
        {...modal}
        open={open}
        onClose={() => {
          setOpen(false)
        }}
      />
    </>
  )
}
