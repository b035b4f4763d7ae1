import { App, Button, Card, Checkbox, Form, InputNumber, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { DeclarationRoutes, SYMPTOMS, type HealthDeclarationBody } from '@lianfang/contracts'
import { call } from '../../api/call'
import { invalidateCodes } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'

interface DeclarationForm {
  temperatureC?: number | null
  symptoms?: HealthDeclarationBody['symptoms']
}

/** 健康申报: today's temperature and symptoms. The colour is recomputed at once. */
export default function HealthDeclarationPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const declare = useMutation({
    mutationFn: (body: HealthDeclarationBody) => call(DeclarationRoutes.health, { body }),
    onSuccess: async (created) => {
      await invalidateCodes(queryClient)
      void message.success(t('declare.done', { colour: t(`colour.${created.colour}`) }))
      void navigate('/me')
    },
  })

  return (
    <Card title={t('declare.healthTitle')} data-testid="declare-health">
      <Typography.Paragraph type="secondary">{t('declare.healthHint')}</Typography.Paragraph>
      {declare.isError && <ErrorAlert error={declare.error} />}
      <Form<DeclarationForm>
        layout="vertical"
        initialValues={{ symptoms: [] }}
        onFinish={(v) => {
          const body: HealthDeclarationBody = { symptoms: v.symptoms ?? [] }
          if (typeof v.temperatureC === 'number') body.temperatureC = v.temperatureC
          declare.mutate(body)
        }}
      >
        <Form.Item name="temperatureC" label={t('declare.temperature')}>
          <InputNumber<number>
            min={30}
            max={45}
            step={0.1}
            precision={1}
            suffix="°C"
            inputMode="decimal"
            placeholder="36.5"
            style={{ width: '100%' }}
            data-testid="declare-temperature"
          />
        </Form.Item>
        <Form.Item name="symptoms" label={t('declare.symptoms')}>
          <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
            {SYMPTOMS.map((s) => (
              <Checkbox key={s} value={s} data-testid={`declare-symptom-${s}`}>
                {t(`symptom.${s}`)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={declare.isPending}
          data-testid="declare-submit"
        >
          {t('declare.submit')}
        </Button>
      </Form>
    </Card>
  )
}
