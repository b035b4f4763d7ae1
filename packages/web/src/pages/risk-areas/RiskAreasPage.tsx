import { App, Button, Card, DatePicker, Form, Radio, Space, Table, type TableProps } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useSearchParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { Dayjs } from 'dayjs'
import { RiskAreaRoutes, type RiskAreaPeriod, type SetRiskLevelBody } from '@lianfang/contracts'
import { call } from '../../api/call'
import { invalidateCodes, queryKeys, useRiskAreas } from '../../api/queries'
import type { RiskLevel } from '../../api/types'
import { RISK_LEVELS, RiskLevelTag } from '../../components/colour'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { RegionName } from '../../components/RegionName'
import { wallToIso } from '../../components/civil-time'

interface LevelForm {
  regionCode: string
  level: RiskLevel
  startsAt?: Dayjs | null
}

const isRiskLevel = (v: string | null): v is RiskLevel => RISK_LEVELS.some((l) => l === v)

function SetLevelForm() {
  const { t } = useTranslation()
  const [form] = Form.useForm<LevelForm>()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const set = useMutation({
    mutationFn: (body: SetRiskLevelBody) => call(RiskAreaRoutes.setLevel, { body }),
    onSuccess: async (period) => {
      void message.success(t('riskAreas.saved', { region: period.regionName }))
      form.resetFields()
      await queryClient.invalidateQueries({ queryKey: queryKeys.riskAreas })
      await invalidateCodes(queryClient)
    },
  })
  return (
    <Card size="small" title={t('riskAreas.setLevel')} data-testid="risk-area-form">
      {set.isError && <ErrorAlert error={set.error} />}
      <Form<LevelForm>
        form={form}
        layout="inline"
        initialValues={{ level: 'medium' }}
        onFinish={(v) => {
          const body: SetRiskLevelBody = { regionCode: v.regionCode, level: v.level }
          if (v.startsAt != null) body.startsAt = wallToIso(v.startsAt)
          set.mutate(body)
        }}
        style={{ rowGap: 12 }}
      >
        <Form.Item
          name="regionCode"
          label={t('riskAreas.region')}
          rules={[{ required: true, message: t('riskAreas.regionRequired') }]}
        >
          <RegionTreeSelect
            placeholder={t('riskAreas.region')}
            testId="risk-area-region"
            style={{ width: 260 }}
          />
        </Form.Item>
        <Form.Item name="level" label={t('riskAreas.level')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={RISK_LEVELS.map((l) => ({ value: l, label: t(`riskLevel.${l}`) }))}
            data-testid="risk-area-level"
          />
        </Form.Item>
        <Form.Item name="startsAt" label={t('riskAreas.startsAt')} extra={t('riskAreas.startsAtHelp')}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            needConfirm={false}
            data-testid="risk-area-starts"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={set.isPending} data-testid="risk-area-submit">
            {t('riskAreas.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  )
}

/** Medium- and high-risk areas over time (中高风险地区), and setting a level. */
export default function RiskAreasPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const canManage = useCan('risk:manage')
  const periods = useRiskAreas()
  const [params, setParams] = useSearchParams()
  const levelParam = params.get('level')
  const level = isRiskLevel(levelParam) ? levelParam : undefined
  const current = params.get('current') === '1'
  const now = new Date().toISOString()

  const rows = (periods.data ?? [])
    .filter((p) => level === undefined || p.level === level)
    .filter((p) => !current || p.endsAt === null || p.endsAt > now)
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))

  const columns: TableProps<RiskAreaPeriod>['columns'] = [
    {
      title: t('riskAreas.region'),
      key: 'region',
      render: (_: unknown, p: RiskAreaPeriod) => <RegionName code={p.regionCode} name={p.regionName} />,
    },
    {
      title: t('riskAreas.level'),
      key: 'level',
      render: (_: unknown, p) => <RiskLevelTag level={p.level} />,
    },
    {
      title: t('riskAreas.startsAt'),
      key: 'startsAt',
      render: (_: unknown, p) => formatDateTime(p.startsAt, lang),
    },
    {
      title: t('riskAreas.endsAt'),
      key: 'endsAt',
      render: (_: unknown, p) =>
        p.endsAt === null ? t('riskAreas.ongoing') : formatDateTime(p.endsAt, lang),
    },
  ]

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params)
    if (value === undefined) next.delete(key)
    else next.set(key, value)
    setParams(next)
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {canManage && <SetLevelForm />}
      <Card title={t('riskAreas.title')} data-testid="risk-areas">
        <Space wrap style={{ marginBottom: 16 }}>
          <Radio.Group
            optionType="button"
            value={level ?? 'all'}
            onChange={(e) => {
              const v = String(e.target.value)
              setFilter('level', v === 'all' ? undefined : v)
            }}
            options={[
              { value: 'all', label: t('riskAreas.allLevels') },
              ...RISK_LEVELS.map((l) => ({ value: l, label: t(`riskLevel.${l}`) })),
            ]}
          />
          <Radio.Group
            optionType="button"
            value={current ? '1' : '0'}
            onChange={(e) => {
              setFilter('current', e.target.value === '1' ? '1' : undefined)
            }}
            options={[
              { value: '0', label: t('riskAreas.allPeriods') },
              { value: '1', label: t('riskAreas.currentOnly') },
            ]}
          />
        </Space>
        {periods.isError && <ErrorAlert error={periods.error} />}
        <Table<RiskAreaPeriod>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={periods.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            pageSize: 50,
            hideOnSinglePage: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          data-testid="risk-areas-table"
        />
      </Card>
    </Space>
  )
}
