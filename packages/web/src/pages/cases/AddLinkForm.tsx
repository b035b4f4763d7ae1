import { App, Button, Card, Form, Input, Select } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ChainRoutes, type ChainConfidence, type CreateCaseLinkBody } from '@lianfang/contracts'
import { call } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { CASE_ID } from './case-id'

const CONFIDENCES = ['confirmed', 'probable', 'possible'] as const satisfies readonly ChainConfidence[]

/** A form adding an infection link between two cases (the server refuses self-links and cycles). */
export function AddLinkForm() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<CreateCaseLinkBody>()
  const create = useMutation({
    mutationFn: (body: CreateCaseLinkBody) => call(ChainRoutes.link, { body }),
    onSuccess: async () => {
      void message.success(t('chains.saved'))
      form.resetFields()
      await queryClient.invalidateQueries({ queryKey: ['chains'] })
    },
  })
  const idRule = { required: true, pattern: CASE_ID, message: t('chains.idRequired') }
  return (
    <Card title={t('chains.addLink')} data-testid="chains-add-link">
      {create.isError && <ErrorAlert error={create.error} />}
      <Form<CreateCaseLinkBody>
        form={form}
        layout="inline"
        initialValues={{ confidence: 'probable' }}
        onFinish={(v) => {
          const body: CreateCaseLinkBody = {
            fromCaseId: v.fromCaseId,
            toCaseId: v.toCaseId,
            confidence: v.confidence,
          }
          if (v.note !== undefined && v.note !== '') body.note = v.note
          create.mutate(body)
        }}
        style={{ rowGap: 12 }}
      >
        <Form.Item name="fromCaseId" label={t('chains.from')} rules={[idRule]}>
          <Input style={{ width: 140 }} data-testid="chains-link-from" />
        </Form.Item>
        <Form.Item name="toCaseId" label={t('chains.to')} rules={[idRule]}>
          <Input style={{ width: 140 }} data-testid="chains-link-to" />
        </Form.Item>
        <Form.Item name="confidence" label={t('chains.confidence')}>
          <Select
            style={{ width: 120 }}
            options={CONFIDENCES.map((c) => ({ value: c, label: t(`chains.confidences.${c}`) }))}
            data-testid="chains-link-confidence"
          />
        </Form.Item>
        <Form.Item name="note" label={t('chains.note')}>
          <Input maxLength={500} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending}
            data-testid="chains-link-submit"
          >
            {t('chains.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  )
}
