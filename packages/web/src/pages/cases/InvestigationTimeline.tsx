import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Investigation } from '@lianfang/contracts'
import { formatDateTime } from '../../components/format'
import { currentLanguage, translateDynamic } from '../../i18n'

/** The case's check-ins in the exposure window, in order: where and from when to when. */
export function InvestigationTimeline({ timeline }: { timeline: Investigation['timeline'] }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  return (
    <Card title={t('investigation.timeline', { count: timeline.length })}>
      {timeline.length === 0 ? (
        <Empty description={t('investigation.noTimeline')} />
      ) : (
        <Timeline
          data-testid="investigation-timeline"
          items={timeline.map((v, i) => ({
            key: `${v.venueId}-${v.checkedInAt}-${i}`,
            content: (
              <Space orientation="vertical" size={0}>
                <span>
                  {v.venueName} <Tag>{translateDynamic(t, `venues.kinds.${v.kind}`)}</Tag>
                </span>
                <Typography.Text type="secondary">
                  {t('investigation.checkedIn')} {formatDateTime(v.checkedInAt, lang)} ·{' '}
                  {t('investigation.checkedOut')}{' '}
                  {v.checkedOutAt === null
                    ? t('investigation.notCheckedOut')
                    : formatDateTime(v.checkedOutAt, lang)}
                </Typography.Text>
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  )
}
