import { Button, Card, Result, Space, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { useMyCode } from '../../api/queries'
import { COLOUR_HEX } from '../../components/colour'
import { ErrorAlert } from '../../components/ErrorAlert'
import { MyCodeCard } from '../../components/MyCodeCard'
import { ActionList, ReasonList } from '../../components/health-code'
import { PageLoading } from '../../components/PageLoading'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { useCurrentUser } from '../../layout/Guards'
import { ruleSetVersionText } from '../../components/rule-set-version'

const LINKS = [
  { to: '/me/scan', key: 'scanVenue' },
  { to: '/me/booking', key: 'booking' },
  { to: '/me/results', key: 'results' },
  { to: '/me/declare-health', key: 'declareHealth' },
  { to: '/me/declare-trip', key: 'declareTrip' },
  { to: '/me/history', key: 'history' },
  { to: '/me/appeals', key: 'appeals' },
] as const

/**
 * The citizen's home: the colour, large, with why and what to do. It refreshes every minute
 * and the moment the colour lapses (`validUntil`).
 */
export default function MyCodePage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const me = useCurrentUser()
  const code = useMyCode()

  if (code.isPending) return <PageLoading />
  if (code.isError && isApiError(code.error) && code.error.code === 'PERSON_NOT_FOUND') {
    return (
      <Result
        status="warning"
        title={t('citizen.notLinkedTitle')}
        subTitle={t('citizen.notLinkedBody')}
        data-testid="my-colour-unlinked"
      />
    )
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="my-code-page">
      {code.isError && <ErrorAlert error={code.error} />}
      {code.data !== undefined && (
        <>
          <MyCodeCard />
          <div
            data-testid="my-colour"
            data-colour={code.data.colour}
            role="status"
            aria-live="polite"
            style={{
              background: COLOUR_HEX[code.data.colour],
              color: '#fff',
              borderRadius: 16,
              padding: '28px 20px',
              textAlign: 'center',
              boxShadow: '0 4px 16px rgba(0,0,0,0.12)',
            }}
          >
            <div style={{ fontSize: 16, opacity: 0.9 }}>{me.displayName}</div>
            <div style={{ fontSize: 44, fontWeight: 700, lineHeight: 1.3, margin: '8px 0' }}>
              {t(`colour.${code.data.colour}`)}
            </div>
            <div style={{ fontSize: 14, opacity: 0.95 }} data-testid="my-colour-valid-until">
              {t('code.validUntil', { time: formatDateTime(code.data.validUntil, lang) })}
            </div>
            <div style={{ fontSize: 12, opacity: 0.8, marginTop: 4 }}>
              {t('code.computedAt', { time: formatDateTime(code.data.computedAt, lang) })}
              {code.isFetching ? ` · ${t('code.refreshing')}` : ''}
            </div>
          </div>
          <Card size="small" title={t('code.reasons')}>
            <ReasonList reasons={code.data.reasons} />
          </Card>
          {code.data.actions.length > 0 && (
            <Card size="small" title={t('code.actions')}>
              <ActionList actions={code.data.actions} />
            </Card>
          )}
        </>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        {LINKS.map((l) => (
          <Link key={l.key} to={l.to} data-testid={`me-link-${l.key}`}>
            <Button block size="large" style={{ height: 56, whiteSpace: 'normal' }}>
              {t(`citizen.links.${l.key}`)}
            </Button>
          </Link>
        ))}
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
        {code.data === undefined
          ? ''
          : t('code.ruleSetVersion', { version: ruleSetVersionText(t, code.data.ruleSetVersion) })}
      </Typography.Paragraph>
    </Space>
  )
}
