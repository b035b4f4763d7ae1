import { App, Checkbox, Form, Input, Modal } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { CaseRecord, DischargeBody, DischargeCheck } from '@lianfang/contracts'
import { CaseRoutes } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { caseKey, invalidateCases } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { isApiError } from '../../api/client'
import { MissingCriteria } from './DischargeCriteria'

interface DischargeForm {
  symptomsImproved: boolean
  imagingImproved: boolean
  infectivityAssessed?: boolean
  note?: string
}

/**
 * Records a discharge (confirmed) or release (asymptomatic) once the criteria are met. The
 * clinician's infectiousness attestation is asked for only when the check says ZL8's path applies
 * (NAT still positive after more than 4 weeks: criterion PERSISTENT_POSITIVE_ASSESSED).
 */
export function DischargeModal({
  c,
  check,
  onClose,
}: {
  c: CaseRecord
  check: DischargeCheck | undefined
  onClose: () => void
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm<DischargeForm>()
  const persistent = check?.criteria.some((x) => x.id === 'PERSISTENT_POSITIVE_ASSESSED') === true
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
      {discharge.isError && isApiError(discharge.error) && (
        <MissingCriteria details={discharge.error.details} />
      )}
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
          if (persistent) body.infectivityAssessed = v.infectivityAssessed === true
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
        {persistent && (
          <Form.Item name="infectivityAssessed" valuePropName="checked">
            <Checkbox data-testid="discharge-infectivity">
              {t('cases.discharge.infectivityAssessed')}
            </Checkbox>
          </Form.Item>
        )}
        <Form.Item name="note" label={t('cases.discharge.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
