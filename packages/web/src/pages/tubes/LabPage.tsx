import { useState } from 'react'
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Space, Table, Tag } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { LabRoutes, type LabResultBody, type Shipment } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { LabImportCard } from './LabImportCard'

const LIST = { query: { pageSize: 50 } }
type Entry = { barcode?: string; result?: LabResultBody['result']; orf1ab?: number | null; n?: number | null }

/**
 * 实验室: receive a shipment by scanning its code, import the instrument's results, or enter one
 * tube's result by hand (the form starts empty; a positive asks first). The lab sees its own
 * shipments only: barcodes and member counts, never who is in a tube.
 */
export default function LabPage() {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const lang = currentLanguage()
  const qc = useQueryClient()
  const [code, setCode] = useState('')
  const [form] = Form.useForm<Entry>()
  const shipments = useQuery({
    queryKey: queryKeyOf(LabRoutes.shipments, LIST),
    queryFn: () => call(LabRoutes.shipments, LIST),
  })
  const receive = useMutation({
    mutationFn: () => call(LabRoutes.receive, { body: { code: code.trim() } }),
    onSuccess: async () => {
      setCode('')
      await qc.invalidateQueries()
    },
  })
  const enter = useMutation({
    mutationFn: (e: Entry) => {
      const ct: Record<string, number> = {}
      if (typeof e.orf1ab === 'number') ct['ORF1ab'] = e.orf1ab
      if (typeof e.n === 'number') ct['N'] = e.n
      return call(LabRoutes.enterResult, {
        body: {
          barcode: (e.barcode ?? '').trim(),
          result: e.result ?? 'invalid',
          ct,
          resultedAt: new Date().toISOString(),
        },
      })
    },
    onSuccess: () => {
      form.resetFields()
    },
  })
  const submit = (e: Entry) => {
    if (e.result !== 'positive') {
      enter.mutate(e)
      return
    }
    void modal.confirm({
      title: t('tubes.lab.positiveTitle'),
      content: t('tubes.lab.positiveText'),
      okText: t('tubes.lab.enter'),
      cancelText: t('common.cancel'),
      onOk: () => {
        enter.mutate(e)
      },
    })
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('tubes.lab.receiveTitle')} data-testid="lab-page">
        <Space.Compact style={{ maxWidth: 420, width: '100%' }}>
          <Input
            data-testid="lab-receive-code"
            value={code}
            maxLength={64}
            placeholder={t('tubes.lab.receivePlaceholder')}
            onChange={(e) => {
              setCode(e.target.value)
            }}
            onPressEnter={() => {
              if (code.trim()) receive.mutate()
            }}
          />
          <Button
            type="primary"
            data-testid="lab-receive"
            disabled={!code.trim()}
            loading={receive.isPending}
            onClick={() => {
              receive.mutate()
            }}
          >
            {t('tubes.lab.receive')}
          </Button>
        </Space.Compact>
        {receive.isError && <ErrorAlert error={receive.error} />}
        {receive.data && (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="lab-received"
            title={t('tubes.lab.received', { code: receive.data.code, n: String(receive.data.tubes) })}
          />
        )}
        <Table<Shipment>
          style={{ marginTop: 16 }}
          rowKey="id"
          size="small"
          loading={shipments.isLoading}
          dataSource={shipments.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('tubes.lab.noShipments') }}
          columns={[
            { title: t('tubes.shipments.code'), dataIndex: 'code' },
            { title: t('tubes.shipments.tubes'), dataIndex: 'tubes' },
            { title: t('tubes.lab.resulted'), dataIndex: 'resulted' },
            { title: t('tubes.shipments.sentAt'), render: (_, s) => formatDateTime(s.sentAt, lang) },
            {
              title: t('tubes.shipments.received'),
              render: (_, s) =>
                s.receivedAt ? (
                  <Tag color="green">{formatDateTime(s.receivedAt, lang)}</Tag>
                ) : (
                  <Tag>{t('tubes.shipments.inTransit')}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <LabImportCard />
      <Card title={t('tubes.lab.enterTitle')} data-testid="lab-enter">
        <Form<Entry> form={form} layout="vertical" style={{ maxWidth: 420 }} onFinish={submit}>
          <Form.Item
            name="barcode"
            label={t('tubes.barcode')}
            rules={[{ required: true, message: t('tubes.lab.required') }]}
          >
            <Input data-testid="lab-enter-barcode" maxLength={64} />
          </Form.Item>
          <Form.Item
            name="result"
            label={t('tubes.lab.result')}
            rules={[{ required: true, message: t('tubes.lab.required') }]}
          >
            <Radio.Group
              data-testid="lab-enter-result"
              options={(['negative', 'positive', 'invalid'] as const).map((r) => ({
                value: r,
                label: t(`tubes.result.${r}`),
              }))}
            />
          </Form.Item>
          <Space>
            <Form.Item name="orf1ab" label="ORF1ab Ct">
              <InputNumber min={0} max={45} step={0.1} data-testid="lab-enter-orf1ab" />
            </Form.Item>
            <Form.Item name="n" label="N Ct">
              <InputNumber min={0} max={45} step={0.1} data-testid="lab-enter-n" />
            </Form.Item>
          </Space>
          {enter.isError && <ErrorAlert error={enter.error} />}
          {enter.data && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="lab-entered"
              title={t('tubes.lab.entered', {
                barcode: enter.data.tube.barcode,
                n: String(enter.data.members),
              })}
            />
          )}
          <Button type="primary" htmlType="submit" data-testid="lab-enter-submit" loading={enter.isPending}>
            {t('tubes.lab.enter')}
          </Button>
        </Form>
      </Card>
    </Space>
  )
}
