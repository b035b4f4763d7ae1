import { Empty, List, Space, Timeline, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { HealthCodeStatus } from '@lianfang/contracts'
import type { ColourHistoryEntry } from '../api/types'
import { currentLanguage } from '../i18n'
import { COLOUR_HEX, ColourTag } from './colour'
import { formatDateTime } from './format'

/** Why the code has its colour, each reason in the reader's language, with when it lapses. */
export function ReasonList({ reasons }: { reasons: HealthCodeStatus['reasons'] }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  if (reasons.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="code-no-reasons">
        {t('code.noReasons')}
      </Typography.Text>
    )
  }
  return (
    <List
      size="small"
      dataSource={reasons}
      data-testid="code-reasons"
      renderItem={(r) => (
        <List.Item key={r.code} data-reason={r.code}>
          <Space orientation="vertical" size={0}>
            <Space wrap>
              <ColourTag colour={r.colour} />
              <Typography.Text data-testid="code-reason-text">{r.text[lang]}</Typography.Text>
            </Space>
            {r.until !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('code.reasonUntil', { time: formatDateTime(r.until, lang) })}
              </Typography.Text>
            )}
          </Space>
        </List.Item>
      )}
    />
  )
}

/** What the person should do now. */
export function ActionList({ actions }: { actions: HealthCodeStatus['actions'] }) {
  const lang = currentLanguage()
  if (actions.length === 0) return null
  return (
    <List
      size="small"
      dataSource={actions}
      data-testid="code-actions"
      renderItem={(a) => (
        <List.Item key={`${a.code}-${a.at ?? ''}`}>
          <Space orientation="vertical" size={0}>
            <Typography.Text>{a.text[lang]}</Typography.Text>
            {a.at !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(a.at, lang)}
              </Typography.Text>
            )}
          </Space>
        </List.Item>
      )}
    />
  )
}

/** Colour changes, newest first. */
export function ColourHistoryTimeline({ entries }: { entries: readonly ColourHistoryEntry[] }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  if (entries.length === 0) return <Empty description={t('code.historyEmpty')} />
  const newestFirst = [...entries].sort((a, b) => b.at.localeCompare(a.at))
  return (
    <Timeline
      data-testid="code-history"
      items={newestFirst.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: COLOUR_HEX[e.colour],
        content: (
          <Space orientation="vertical" size={2}>
            <Space wrap>
              {e.previousColour !== null && (
                <>
                  <ColourTag colour={e.previousColour} />→
                </>
              )}
              <ColourTag colour={e.colour} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at, lang)}
              </Typography.Text>
            </Space>
            {e.reasons.map((r) => (
              <Typography.Text key={r.code} style={{ fontSize: 13 }}>
                {r.text[lang]}
              </Typography.Text>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('code.ruleSetVersion', { version: e.ruleSetVersion })}
            </Typography.Text>
          </Space>
        ),
      }))}
    />
  )
}
