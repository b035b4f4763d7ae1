import { useEffect, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { VENUE_KINDS, type CreateVenueBody, type Venue, type VenueQuery } from '@lianfang/contracts'
import { api } from '../../api/client'
import { queryKeys, useVenues } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { positiveInt } from '../../components/format'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { useCan, useCurrentUser } from '../../layout/Guards'
import { MAX_POSTERS_PER_PDF, postersPdfUrl } from './poster-links'

type VenueKind = Venue['kind']
const isKind = (v: string | null): v is VenueKind =>
  v !== null && (VENUE_KINDS as readonly string[]).includes(v)

/** Venues (场所) in the user's region: search, kind and region filters in the URL; create. */
export default function VenuesPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const canManage = useCan('venue:manage')
  const q = params.get('q') ?? ''
  const kindParam = params.get('kind')
  const kind = isKind(kindParam) ? kindParam : undefined
  const regionCode = params.get('region') ?? undefined
  const page = positiveInt(params.get('page'), 1)
  const pageSize = positiveInt(params.get('pageSize'), 20, 200)
  const [draft, setDraft] = useState(q)
  const [creating, setCreating] = useState(false)
  /** Venues ticked for one PDF of posters, kept across pages and filters. */
  const [selected, setSelected] = useState<string[]>([])
  useEffect(() => {
    setDraft(q)
  }, [q])

  const query: VenueQuery = { page, pageSize }
  if (q.trim() !== '') query.q = q.trim()
  if (kind !== undefined) query.kind = kind
  if (regionCode !== undefined) query.regionCode = regionCode
  const venues = useVenues(query)

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k)
      else next.set(k, v)
    }
    setParams(next)
  }

  const columns: TableProps<Venue>['columns'] = [
    {
      title: t('venues.name'),
      key: 'name',
      fixed: 'left',
      render: (_: unknown, v) => (
        <Link to={`/venues/${v.id}`} data-testid={`venue-link-${v.id}`}>
          {v.name}
        </Link>
      ),
    },
    { title: t('venues.kind'), key: 'kind', render: (_: unknown, v) => t(`venues.kinds.${v.kind}`) },
    { title: t('venues.region'), dataIndex: 'regionName', key: 'region' },
    { title: t('venues.address'), key: 'address', render: (_: unknown, v) => v.address ?? '—' },
    { title: t('venues.capacity'), dataIndex: 'capacity', key: 'capacity' },
    {
      title: t('venues.status'),
      key: 'active',
      render: (_: unknown, v) =>
        v.active ? <Tag color="success">{t('venues.active')}</Tag> : <Tag>{t('venues.inactive')}</Tag>,
    },
  ]

  return (
    <Card
      title={t('venues.title')}
      extra={
        canManage && (
          <Button
            type="primary"
            onClick={() => {
              setCreating(true)
            }}
            data-testid="venue-create"
          >
            {t('venues.create')}
          </Button>
        )
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          enterButton={t('common.search')}
          placeholder={t('venues.search')}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value)
          }}
          onSearch={(value) => {
            update({ q: value.trim(), page: undefined })
          }}
          style={{ flex: '1 1 240px', maxWidth: 400 }}
          data-testid="venues-search"
        />
        <Select
          allowClear
          placeholder={t('venues.allKinds')}
          value={kind}
          options={VENUE_KINDS.map((k) => ({ value: k, label: t(`venues.kinds.${k}`) }))}
          onChange={(k: VenueKind | undefined) => {
            update({ kind: k, page: undefined })
          }}
          style={{ flex: '0 1 180px' }}
          data-testid="venues-kind"
        />
        <RegionTreeSelect
          value={regionCode}
          onChange={(code) => {
            update({ region: code, page: undefined })
          }}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
          testId="venues-region"
        />
      </Flex>
      {venues.isError && <ErrorAlert error={venues.error} />}
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Button
          href={postersPdfUrl(selected)}
          download
          disabled={selected.length === 0 || selected.length > MAX_POSTERS_PER_PDF}
          title={t('posterPdf.downloadTitle')}
          data-testid="venues-posters-pdf"
        >
          {t('posterPdf.downloadSelected', { count: selected.length })}
        </Button>
        <Typography.Text type={selected.length > MAX_POSTERS_PER_PDF ? 'danger' : 'secondary'}>
          {t('posterPdf.selectHint', { max: MAX_POSTERS_PER_PDF })}
        </Typography.Text>
      </Flex>
      <Table<Venue>
        rowKey="id"
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => {
            setSelected(keys.map(String))
          },
          getCheckboxProps: (v) => (v.active ? {} : { disabled: true, title: t('posterPdf.inactive') }),
        }}
        size="middle"
        columns={columns}
        dataSource={venues.data?.items ?? []}
        loading={venues.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: venues.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, nextSize) => {
            update({ page: String(nextSize === pageSize ? nextPage : 1), pageSize: String(nextSize) })
          },
        }}
        data-testid="venues-table"
      />
      {creating && (
        <CreateVenueModal
          onClose={() => {
            setCreating(false)
          }}
        />
      )}
    </Card>
  )
}

interface CreateForm {
  name: string
  kind: VenueKind
  regionCode: string
  capacity?: number | null
  address?: string
}

function CreateVenueModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm<CreateForm>()
  const create = useMutation({
    mutationFn: (body: CreateVenueBody) => api.createVenue(body),
    onSuccess: async (venue) => {
      void message.success(t('venues.created', { name: venue.name }))
      await queryClient.invalidateQueries({ queryKey: queryKeys.venuesAll })
      onClose()
      void navigate(`/venues/${venue.id}`)
    },
  })
  return (
    <Modal
      open
      title={t('venues.createTitle')}
      onCancel={onClose}
      onOk={() => {
        form.submit()
      }}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
    >
      {create.isError && <ErrorAlert error={create.error} />}
      <Form<CreateForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'residential_gate', regionCode: me.regionCode }}
        onFinish={(v) => {
          const body: CreateVenueBody = { name: v.name.trim(), kind: v.kind, regionCode: v.regionCode }
          if (typeof v.capacity === 'number') body.capacity = v.capacity
          if (v.address !== undefined && v.address.trim() !== '') body.address = v.address.trim()
          create.mutate(body)
        }}
      >
        <Form.Item
          name="name"
          label={t('venues.name')}
          rules={[{ required: true, whitespace: true, message: t('venues.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="venue-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('venues.kind')} rules={[{ required: true }]}>
          <Select
            options={VENUE_KINDS.map((k) => ({ value: k, label: t(`venues.kinds.${k}`) }))}
            data-testid="venue-kind"
          />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('venues.region')}
          rules={[{ required: true, message: t('venues.regionRequired') }]}
        >
          <RegionTreeSelect testId="venue-region" />
        </Form.Item>
        <Form.Item name="capacity" label={t('venues.capacity')}>
          <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="address" label={t('venues.address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
