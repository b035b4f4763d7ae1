import { App, Checkbox, Form, Input, Modal } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { CaseRecord, DischargeBody } from '@lianfang/contracts'
import { CaseRoutes } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { caseKey, invalidateCases } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'

interface DischargeForm {
  symptomsImproved: boolean
  imagingImproved: boolean
  note?: string
}

/** Records a discharge (confirmed) or release (asymptomatic) once the criteria are met. */
export function DischargeModal({ c, onClose }: { c: CaseRecord; onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm<DischargeForm>()
  const discharge = useMutation({
    mutationFn: (body: DischargeBody) => call(CaseRoutes.discharge, { params: { id: c.id }, body }),
    onSuccess: async (updated) => {
      void message.success(t('cases.discharge.done'))
      queryClient.setQueryData(caseKey(c.id), updated)
      await invalidateCases(queryClient)
      onClose()
    },
    onError: async () => {
      // A 409 lists what is missing now: show the fresh check beside it.
      await queryClient.invalidateQueries({
        queryKey: queryKeyOf(CaseRoutes.dischargeCheck, { params: { id: c.id } }),
      })
    },
  })
  return (
    <Modal
      open
      title={t('cases.discharge.confirmTitle')}
      onCancel={onClose}
      onOk={() => {
        form.submit()
      }}
      okButtonProps={{ loading: discharge.isPending, 'data-testid': 'discharge-ok' }}
      destroyOnHidden
    >
      {/* DISCHARGE_CRITERIA_NOT_MET (409): the server's message names the missing criteria. */}
      {discharge.isError && <ErrorAlert error={discharge.error} />}
      <Form<DischargeForm>
        form={form}
        layout="vertical"
        initialValues={{ symptomsImproved: false, imagingImproved: false }}
        onFinish={(v) => {
          const body: DischargeBody = {
            version: c.version,
            symptomsImproved: v.symptomsImproved,
            imagingImproved: v.imagingImproved,
          }
          if (v.note !== undefined && v.note.trim() !== '') body.note = v.note.trim()
          discharge.mutate(body)
        }}
      >
        <Form.Item name="symptomsImproved" valuePropName="checked">
          <Checkbox data-testid="discharge-symptoms">{t('cases.discharge.symptomsImproved')}</Checkbox>
        </Form.Item>
        <Form.Item name="imagingImproved" valuePropName="checked">
          <Checkbox data-testid="discharge-imaging">{t('cases.discharge.imagingImproved')}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t('cases.discharge.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
