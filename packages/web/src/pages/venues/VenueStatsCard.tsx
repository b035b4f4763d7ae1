import { useState } from 'react'
import { Card, DatePicker, Empty, List, Statistic, Typography } from 'antd'
import dayjs from 'dayjs'
import ReactECharts from 'echarts-for-react'
import { useTranslation } from 'react-i18next'
import type { VenueStats } from '@lianfang/contracts'
import { useVenueStats } from '../../api/venues'
import { ErrorAlert } from '../../components/ErrorAlert'
import { DISPLAY_TIME_ZONE } from '../../components/format'
import { translateDynamic } from '../../i18n'

/** Today in the display zone (the server's hourly buckets are Asia/Shanghai too). */
function todayInDisplayZone(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE }).format(new Date())
}

function HourlyChart({ stats }: { stats: VenueStats }) {
  const { t } = useTranslation()
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('venueStats.entries'), t('venueStats.exits'), t('venueStats.denied')] },
    grid: { left: 40, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: stats.hourly.map((h) => t('venueStats.hour', { hour: h.hour })) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('venueStats.entries'),
        type: 'bar',
        data: stats.hourly.map((h) => h.entries),
        itemStyle: { color: '#1677ff' },
      },
      {
        name: t('venueStats.exits'),
        type: 'bar',
        data: stats.hourly.map((h) => h.exits),
        itemStyle: { color: '#52c41a' },
      },
      {
        name: t('venueStats.denied'),
        type: 'line',
        smooth: true,
        data: stats.hourly.map((h) => h.denied),
        itemStyle: { color: '#cf1322' },
      },
    ],
  }
  return <ReactECharts option={option} style={{ height: 300 }} notMerge data-testid="venue-hourly-chart" />
}

/** The community view of one venue for a day: entries, exits, residents vs visitors, denials, hours. */
export function VenueStatsCard({ venueId }: { venueId: string }) {
  const { t } = useTranslation()
  const [date, setDate] = useState(todayInDisplayZone)
  const stats = useVenueStats(venueId, date)
  const s = stats.data
  const tiles: [string, string, number | undefined, string][] = [
    ['entries', t('venueStats.entries'), s?.entries, '#1677ff'],
    ['exits', t('venueStats.exits'), s?.exits, '#389e0d'],
    ['residents', t('venueStats.residents'), s?.residents, '#595959'],
    ['visitors', t('venueStats.visitors'), s?.visitors, '#595959'],
    ['denied', t('venueStats.denied'), s?.denied.reduce((a, d) => a + d.count, 0), '#cf1322'],
  ]
  return (
    <Card
      title={t('venueStats.title')}
      loading={stats.isPending}
      extra={
        <DatePicker
          allowClear={false}
          value={dayjs(date)}
          onChange={(d) => {
            if (d !== null) setDate(d.format('YYYY-MM-DD'))
          }}
          aria-label={t('venueStats.date')}
          data-testid="venue-stats-date"
        />
      }
      data-testid="venue-stats"
    >
      {stats.isError && <ErrorAlert error={stats.error} />}
      {s !== undefined && (
        <>
          <div
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))', gap: 12 }}
          >
            {tiles.map(([key, title, value, colour]) => (
              <Statistic
                key={key}
                title={title}
                value={value ?? 0}
                styles={{ content: { color: colour } }}
                data-testid={`venue-stat-${key}`}
              />
            ))}
          </div>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('venueStats.hourly')}
          </Typography.Title>
          <HourlyChart stats={s} />
          <Typography.Title level={5}>{t('venueStats.deniedByReason')}</Typography.Title>
          {s.denied.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('venueStats.noDenials')} />
          ) : (
            <List
              size="small"
              dataSource={s.denied}
              renderItem={(d) => (
                <List.Item key={d.reason} extra={<Typography.Text strong>{d.count}</Typography.Text>}>
                  {translateDynamic(t, `denyReason.${d.reason}`)}
                </List.Item>
              )}
              data-testid="venue-denied"
            />
          )}
        </>
      )}
    </Card>
  )
}
