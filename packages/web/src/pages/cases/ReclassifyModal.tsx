import { App, DatePicker, Form, Input, Modal, Select } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Dayjs } from 'dayjs'
import type { CaseRecord, ReclassifyCaseBody } from '@lianfang/contracts'
import { CaseRoutes } from '@lianfang/contracts'
import { call } from '../../api/call'
import { caseKey, invalidateCases } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { SEVERITIES, type CaseStatus, type Severity } from './labels'
import { wallToIso } from '../../components/civil-time'

interface ReclassifyForm {
  status: CaseStatus
  severity?: Severity
  onsetAt?: Dayjs | null
  reason: string
}

/** Moves a case to one of the classifications its current one allows. */
export function ReclassifyModal({
  c,
  next,
  onClose,
}: {
  c: CaseRecord
  next: CaseStatus[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm<ReclassifyForm>()
  const status = Form.useWatch('status', form)
  const reclassify = useMutation({
    mutationFn: (body: ReclassifyCaseBody) => call(CaseRoutes.reclassify, { params: { id: c.id }, body }),
    onSuccess: async (updated) => {
      void message.success(t('cases.reclassified'))
      queryClient.setQueryData(caseKey(c.id), updated)
      await invalidateCases(queryClient)
      onClose()
    },
  })
  // An asymptomatic infection becomes confirmed when symptoms appear: the onset is needed then.
  const needsOnset = status === 'confirmed' && c.onsetAt === null
  return (
    <Modal
      open
      title={t('cases.reclassifyTitle', { status: t(`cases.statuses.${c.status}`) })}
      onCancel={onClose}
      onOk={() => {
        form.submit()
      }}
      okButtonProps={{ loading: reclassify.isPending, 'data-testid': 'reclassify-ok' }}
      destroyOnHidden
    >
      {reclassify.isError && <ErrorAlert error={reclassify.error} />}
      <Form<ReclassifyForm>
        form={form}
        layout="vertical"
        initialValues={{ status: next[0], severity: c.severity ?? 'mild' }}
        onFinish={(v) => {
          // The version read: a concurrent change makes the server answer STALE_VERSION.
          const body: ReclassifyCaseBody = { version: c.version, status: v.status, reason: v.reason.trim() }
          if (v.status === 'confirmed' && v.severity !== undefined) body.severity = v.severity
          if (v.onsetAt) body.onsetAt = wallToIso(v.onsetAt)
          reclassify.mutate(body)
        }}
      >
        <Form.Item name="status" label={t('cases.newStatus')} rules={[{ required: true }]}>
          <Select
            options={next.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
            data-testid="reclassify-status"
          />
        </Form.Item>
        {status === 'confirmed' && (
          <Form.Item
            name="severity"
            label={t('cases.severity')}
            rules={[{ required: true, message: t('cases.severityRequired') }]}
          >
            <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`cases.severities.${s}`) }))} />
          </Form.Item>
        )}
        {needsOnset && (
          <Form.Item
            name="onsetAt"
            label={t('cases.onsetAt')}
            rules={[{ required: true, message: t('cases.onsetRequired') }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={(d) => d.isAfter(new Date())}
              style={{ width: '100%' }}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('cases.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('cases.reasonRequired') }]}
        >
          <Input.TextArea maxLength={500} rows={2} data-testid="reclassify-reason" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
