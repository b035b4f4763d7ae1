import { useState } from 'react'
import { Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { CaseRecord } from '@lianfang/contracts'
import { formatDateTime } from '../../components/format'
import { currentLanguage, translateDynamic } from '../../i18n'
import { isCaseStatus, nextStatuses, STATUS_COLOUR } from './labels'
import { ReclassifyModal } from './ReclassifyModal'
import { RegionName } from '../../components/RegionName'

/**
 * A history entry's reason: the words the system writes (a report, a discharge or release, with the
 * clinician's note) from the catalogue; what a user typed when re-classifying, as typed.
 */
function historyReason(t: TFunction, reason: string): string {
  const m = /^(reported|discharged|released)(?:: (.*))?$/s.exec(reason)
  if (m === null) return reason
  const word = t(`cases.historyReasons.${m[1] as 'reported' | 'discharged' | 'released'}`)
  return m[2] === undefined ? word : `${word}：${m[2]}`
}

/** A case's details and classification history, with re-classification for writers. */
export function CaseCard({ c, canWrite }: { c: CaseRecord; canWrite: boolean }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const [reclassifying, setReclassifying] = useState(false)
  const next = nextStatuses(c)
  const time = (at: string | null) => (at === null ? '—' : formatDateTime(at, lang))
  const statusLabel = (s: string) => (isCaseStatus(s) ? t(`cases.statuses.${s}`) : s)
  return (
    <Card
      title={c.personName}
      extra={
        <Space wrap>
          <Tag color={STATUS_COLOUR[c.status]} data-testid="case-status-tag">
            {t(`cases.statuses.${c.status}`)}
            {c.severity !== null && ` · ${t(`cases.severities.${c.severity}`)}`}
          </Tag>
          {c.outcome !== null && <Tag color="success">{t(`cases.outcomes.${c.outcome}`)}</Tag>}
          {canWrite && next.length > 0 && (
            <Button
              onClick={() => {
                setReclassifying(true)
              }}
              data-testid="case-reclassify"
            >
              {t('cases.reclassify')}
            </Button>
          )}
        </Space>
      }
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24 }}>
        <Descriptions column={1} size="small" style={{ flex: '1 1 320px' }}>
          <Descriptions.Item label={t('cases.origin')}>{t(`cases.origins.${c.origin}`)}</Descriptions.Item>
          <Descriptions.Item label={t('cases.region')}>
            <RegionName code={c.regionCode} />
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.onsetAt')}>{time(c.onsetAt)}</Descriptions.Item>
          <Descriptions.Item label={t('cases.firstPositiveSampleAt')}>
            {time(c.firstPositiveSampleAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.isolatedAt')}>{time(c.isolatedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('cases.isolationPlace')}>{c.isolationPlace ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('cases.outcomeAt')}>{time(c.outcomeAt)}</Descriptions.Item>
          <Descriptions.Item label={t('cases.version')}>{c.version}</Descriptions.Item>
        </Descriptions>
        <div style={{ flex: '1 1 280px' }}>
          <Typography.Title level={5}>{t('cases.history')}</Typography.Title>
          <Timeline
            data-testid="case-history"
            items={[...c.history].reverse().map((h, i) => ({
              key: `${h.at}-${i}`,
              color: isCaseStatus(h.to) ? STATUS_COLOUR[h.to] : 'gray',
              content: (
                <Space orientation="vertical" size={2}>
                  <span>
                    {h.from !== null && `${statusLabel(h.from)} → `}
                    {statusLabel(h.to)}
                    {h.severity !== null && ` · ${translateDynamic(t, `cases.severities.${h.severity}`)}`}
                  </span>
                  <Typography.Text type="secondary">
                    {formatDateTime(h.at, lang)} · {historyReason(t, h.reason)}
                  </Typography.Text>
                </Space>
              ),
            }))}
          />
        </div>
      </div>
      {reclassifying && (
        <ReclassifyModal
          c={c}
          next={next}
          onClose={() => {
            setReclassifying(false)
          }}
        />
      )}
    </Card>
  )
}
