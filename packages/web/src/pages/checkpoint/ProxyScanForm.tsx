import { useState } from 'react'
import { Button, Card, Form, Input, Select, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { ID_TYPES, type IdType } from '@lianfang/core'
import type { ProxyPerson } from '../../checkpoint/scan-queue'

interface ProxyForm {
  idType: IdType
  idNumber: string
  companionIdType: IdType
  companionIdNumber?: string
}

/** For people without a phone: the ID document, and optionally the companion's. */
export function ProxyScanForm({
  disabled,
  onSubmit,
}: {
  disabled: boolean
  /** Resolves true when recorded (the fields are then cleared for the next person). */
  onSubmit: (person: ProxyPerson, companion: ProxyPerson | undefined) => Promise<boolean>
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<ProxyForm>()
  const [busy, setBusy] = useState(false)
  const idTypes = ID_TYPES.map((v) => ({ value: v, label: t(`idType.${v}`) }))
  return (
    <Card size="small" title={t('gate.proxyTitle')} data-testid="proxy-card">
      <Form<ProxyForm>
        form={form}
        layout="vertical"
        initialValues={{ idType: 'resident', companionIdType: 'resident' }}
        disabled={disabled}
        onFinish={(v) => {
          setBusy(true)
          const companion =
            v.companionIdNumber !== undefined && v.companionIdNumber.trim() !== ''
              ? { idType: v.companionIdType, idNumber: v.companionIdNumber }
              : undefined
          void onSubmit({ idType: v.idType, idNumber: v.idNumber }, companion)
            .then((recorded) => {
              if (recorded) form.resetFields(['idNumber', 'companionIdNumber'])
            })
            .finally(() => {
              setBusy(false)
            })
        }}
      >
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="idType" noStyle>
            <Select options={idTypes} style={{ width: '40%' }} aria-label={t('gate.idType')} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            noStyle
            rules={[{ required: true, whitespace: true, message: t('gate.idNumberRequired') }]}
          >
            <Input
              placeholder={t('gate.idNumber')}
              aria-label={t('gate.idNumber')}
              maxLength={40}
              autoComplete="off"
              data-testid="proxy-id-number"
            />
          </Form.Item>
        </Space.Compact>
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Form.Item name="companionIdType" noStyle>
            <Select options={idTypes} style={{ width: '40%' }} aria-label={t('gate.companionIdType')} />
          </Form.Item>
          <Form.Item name="companionIdNumber" noStyle>
            <Input
              placeholder={t('gate.companionIdNumber')}
              aria-label={t('gate.companionIdNumber')}
              maxLength={40}
              autoComplete="off"
              data-testid="proxy-companion-number"
            />
          </Form.Item>
        </Space.Compact>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={busy}
          style={{ marginTop: 12 }}
          data-testid="proxy-submit"
        >
          {t('gate.proxySubmit')}
        </Button>
      </Form>
    </Card>
  )
}
