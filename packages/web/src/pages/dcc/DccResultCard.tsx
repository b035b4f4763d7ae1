import type { ReactNode } from 'react'
import { Alert, Card, Descriptions, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { DccSummary, DccVerifyResult } from '@lianfang/contracts'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import zhCN from './dcc.zh-CN.json'

type Codes = typeof zhCN.dcc
/** `code` when the catalogue names it (value sets of the eHN DCC specification), else undefined. */
const known = <K extends string>(map: Readonly<Record<K, string>>, code: string | null): K | undefined =>
  code !== null && Object.prototype.hasOwnProperty.call(map, code) ? (code as K) : undefined

/** The answer of one verification: green with the holder and the certificate, or red with why. */
export function DccResultCard({ result }: { result: DccVerifyResult }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const time = (iso: string | null) => (iso ? formatDateTime(iso, lang) : '—')
  if (!result.ok || !result.summary)
    return (
      <Card data-testid="dcc-result" style={{ borderColor: '#ff4d4f', background: '#fff2f0' }}>
        <Alert
          type="error"
          showIcon
          title={<span data-testid="dcc-result-status">{t('dcc.invalid')}</span>}
          description={
            <>
              <div data-testid="dcc-result-stage">
                {t('dcc.stoppedAt', { stage: result.stage ? t(`dcc.stages.${result.stage}`) : '—' })}
              </div>
              {/* The verifier's technical detail is English: shown in the English console only. */}
              {result.reason && lang === 'en' && (
                <Typography.Text type="secondary">
                  {t('dcc.reason')}: {result.reason}
                </Typography.Text>
              )}
            </>
          }
        />
      </Card>
    )
  const s = result.summary
  return (
    <Card data-testid="dcc-result" style={{ borderColor: '#52c41a', background: '#f6ffed' }}>
      <Alert
        type="success"
        showIcon
        title={<span data-testid="dcc-result-status">{t('dcc.valid')}</span>}
        description={t('dcc.compareId')}
        style={{ marginBottom: 16 }}
      />
      <Descriptions column={1} size="small" bordered data-testid="dcc-holder">
        <Descriptions.Item label={t('dcc.holder')}>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {[s.familyName, s.givenName].filter(Boolean).join(' ') || '—'}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('dcc.nameStd')}>
          {[s.familyNameStd, s.givenNameStd].filter(Boolean).join(' ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('dcc.dateOfBirth')}>{s.dateOfBirth || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('dcc.type')}>
          <Tag color="blue">{t(`dcc.types.${s.type ?? 'none'}`)}</Tag>
        </Descriptions.Item>
        {entryItems(s, t)}
        <Descriptions.Item label={t('dcc.issuerCountry')}>{s.issuerCountry ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('dcc.issuedAt')}>{time(s.issuedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('dcc.expiresAt')}>{time(s.expiresAt)}</Descriptions.Item>
        <Descriptions.Item label={t('dcc.signer')}>
          {result.signer ? `${result.signer.label} (${result.signer.kid})` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('dcc.checkedAt')}>{time(result.checkedAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  )
}

/** The rows of the vaccination, test or recovery entry. */
function entryItems(s: DccSummary, t: TFunction): ReactNode[] {
  const row = (key: string, label: ReactNode, value: ReactNode) => (
    <Descriptions.Item key={key} label={label}>
      {value ?? '—'}
    </Descriptions.Item>
  )
  const common = (e: { issuer: string | null; certificateId: string | null }) => [
    row('issuer', t('dcc.issuer'), e.issuer),
    row(
      'ci',
      t('dcc.certificateId'),
      e.certificateId && <Typography.Text code>{e.certificateId}</Typography.Text>,
    ),
  ]
  if (s.vaccination) {
    const v = s.vaccination
    const product = known<keyof Codes['products']>(zhCN.dcc.products, v.product)
    return [
      row(
        'dose',
        t('dcc.v.dose'),
        t('dcc.v.doseOf', { n: String(v.doseNumber ?? '?'), total: String(v.totalDoses ?? '?') }),
      ),
      row('date', t('dcc.v.date'), v.date),
      row('product', t('dcc.v.product'), product ? t(`dcc.products.${product}`) : v.product),
      row('ma', t('dcc.v.manufacturer'), v.manufacturer),
      row('co', t('dcc.v.country'), v.country),
      ...common(v),
    ]
  }
  if (s.test) {
    const x = s.test
    const type = known<keyof Codes['testTypes']>(zhCN.dcc.testTypes, x.testType)
    const result = known<keyof Codes['testResults']>(zhCN.dcc.testResults, x.result)
    return [
      row('tt', t('dcc.t.testType'), type ? t(`dcc.testTypes.${type}`) : x.testType),
      row('tr', t('dcc.t.result'), result ? t(`dcc.testResults.${result}`) : x.result),
      row('sc', t('dcc.t.sampleTime'), x.sampleTime),
      row('nm', t('dcc.t.testName'), x.testName),
      row('tc', t('dcc.t.centre'), x.centre),
      row('co', t('dcc.t.country'), x.country),
      ...common(x),
    ]
  }
  if (s.recovery) {
    const r = s.recovery
    return [
      row('fr', t('dcc.r.firstPositive'), r.firstPositive),
      row('df', t('dcc.r.validFrom'), r.validFrom),
      row('du', t('dcc.r.validUntil'), r.validUntil),
      row('co', t('dcc.r.country'), r.country),
      ...common(r),
    ]
  }
  return []
}
