import { useState } from 'react'
import { Alert, Button, Card, Select, Space, Table, Tag } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { LabRoutes, ShipmentRoutes, TubeRoutes, type Shipment, type Tube } from '@lianfang/contracts'
import { call, queryKeyOf, urlOf } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { RegionName } from '../../components/RegionName'
import { currentLanguage } from '../../i18n'

const CLOSED = { query: { status: 'closed' as const, pageSize: 200 } }
const SENT = { query: { pageSize: 50 } }

/**
 * 送检单: the tester picks closed tubes and a lab and sends them as one shipment; its manifest
 * (barcodes and member counts) downloads as CSV; the lab scans the shipment code to receive it.
 */
export default function ShipmentsPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const qc = useQueryClient()
  const [labId, setLabId] = useState<string | undefined>()
  const [picked, setPicked] = useState<string[]>([])
  const tubes = useQuery({
    queryKey: queryKeyOf(TubeRoutes.list, CLOSED),
    queryFn: () => call(TubeRoutes.list, CLOSED),
  })
  const labs = useQuery({ queryKey: queryKeyOf(LabRoutes.list), queryFn: () => call(LabRoutes.list) })
  const sent = useQuery({
    queryKey: queryKeyOf(ShipmentRoutes.list, SENT),
    queryFn: () => call(ShipmentRoutes.list, SENT),
  })
  const send = useMutation({
    mutationFn: () => call(ShipmentRoutes.create, { body: { labId: labId ?? '', barcodes: picked } }),
    onSuccess: async () => {
      setPicked([])
      setLabId(undefined)
      await qc.invalidateQueries()
    },
  })
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('tubes.shipments.title')} data-testid="shipments-page">
        <Alert type="info" showIcon title={t('tubes.shipments.explain')} style={{ marginBottom: 16 }} />
        {tubes.isError && <ErrorAlert error={tubes.error} />}
        <Table<Tube>
          rowKey="barcode"
          size="small"
          loading={tubes.isLoading}
          dataSource={tubes.data?.items ?? []}
          rowSelection={{
            selectedRowKeys: picked,
            onChange: (keys) => {
              setPicked(keys.map(String))
            },
          }}
          locale={{ emptyText: t('tubes.shipments.noClosed') }}
          pagination={false}
          columns={[
            { title: t('tubes.barcode'), dataIndex: 'barcode' },
            { title: t('tubes.poolSize'), dataIndex: 'poolSize' },
            { title: t('tubes.members'), dataIndex: 'members' },
            {
              title: t('tubes.area'),
              render: (_, r) => <RegionName code={r.regionCode} name={r.regionName} />,
            },
          ]}
        />
        <Space style={{ marginTop: 12 }} wrap>
          <Select
            data-testid="shipment-lab"
            style={{ minWidth: 220 }}
            placeholder={t('tubes.shipments.lab')}
            value={labId}
            onChange={setLabId}
            options={(labs.data ?? []).filter((l) => l.active).map((l) => ({ value: l.id, label: l.name }))}
          />
          <Button
            type="primary"
            data-testid="shipment-send"
            disabled={!labId || picked.length === 0}
            loading={send.isPending}
            onClick={() => {
              send.mutate()
            }}
          >
            {t('tubes.shipments.send', { n: String(picked.length) })}
          </Button>
        </Space>
        {send.isError && <ErrorAlert error={send.error} />}
        {send.data && (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="shipment-sent"
            title={t('tubes.shipments.sent', { code: send.data.code, n: String(send.data.tubes) })}
          />
        )}
      </Card>
      <Card title={t('tubes.shipments.sentList')}>
        <Table<Shipment>
          rowKey="id"
          size="small"
          loading={sent.isLoading}
          dataSource={sent.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('tubes.shipments.code'), dataIndex: 'code' },
            { title: t('tubes.shipments.lab'), dataIndex: 'labName' },
            { title: t('tubes.shipments.tubes'), dataIndex: 'tubes' },
            { title: t('tubes.members'), dataIndex: 'members' },
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
            {
              title: t('tubes.shipments.manifest'),
              render: (_, s) => (
                <a href={urlOf(ShipmentRoutes.manifest, { params: { id: s.id } })} download>
                  {t('tubes.shipments.manifestCsv')}
                </a>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  )
}
