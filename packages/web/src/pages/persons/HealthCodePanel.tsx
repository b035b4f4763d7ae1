import { useState } from 'react'
import { Button, Card, Descriptions, Drawer, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { usePersonCode, usePersonCodeHistory } from '../../api/queries'
import { ColourTag } from '../../components/colour'
import { ErrorAlert } from '../../components/ErrorAlert'
import { ActionList, ColourHistoryTimeline, ReasonList } from '../../components/health-code'
import { PageLoading } from '../../components/PageLoading'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { FactActions } from './FactActions'
import { ruleSetVersionText } from '../../components/rule-set-version'

/** A person's health code for staff: the colour, why, the history, and the facts they may record. */
export function HealthCodePanel({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const code = usePersonCode(personId)
  const [historyOpen, setHistoryOpen] = useState(false)
  const history = usePersonCodeHistory(personId, historyOpen)

  return (
    <Card
      title={
        <Space wrap>
          {t('code.title')}
          {code.data !== undefined && (
            <span data-testid="person-colour" data-colour={code.data.colour}>
              <ColourTag colour={code.data.colour} style={{ fontSize: 14, padding: '2px 10px' }} />
            </span>
          )}
        </Space>
      }
      extra={
        <Button
          size="small"
          onClick={() => {
            setHistoryOpen(true)
          }}
          data-testid="person-colour-history"
        >
          {t('code.history')}
        </Button>
      }
      data-testid="person-health-code"
    >
      {code.isPending && <PageLoading />}
      {code.isError && <ErrorAlert error={code.error} />}
      {code.data !== undefined && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 3 }}>
            <Descriptions.Item label={t('code.validUntilLabel')}>
              {formatDateTime(code.data.validUntil, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('code.computedAtLabel')}>
              {formatDateTime(code.data.computedAt, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('code.ruleSetLabel')}>
              {ruleSetVersionText(t, code.data.ruleSetVersion)}
            </Descriptions.Item>
          </Descriptions>
          <ReasonList reasons={code.data.reasons} />
          <ActionList actions={code.data.actions} />
        </Space>
      )}
      <div style={{ marginTop: 16 }}>
        <FactActions personId={personId} />
      </div>
      <Drawer
        open={historyOpen}
        onClose={() => {
          setHistoryOpen(false)
        }}
        title={t('code.history')}
        size={420}
      >
        {history.isPending && <PageLoading />}
        {history.isError && <ErrorAlert error={history.error} />}
        {history.data !== undefined && <ColourHistoryTimeline entries={history.data} />}
      </Drawer>
    </Card>
  )
}
