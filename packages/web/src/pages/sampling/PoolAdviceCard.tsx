import { useState } from 'react'
import { Card, Checkbox, Descriptions, Table, Tag, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { SamplingRoutes, type PoolAdvice } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { ruleSetVersionText } from '../../components/rule-set-version'

const pct = (p: number) => `${(p * 100).toFixed(p < 0.001 ? 3 : 2)} %`

/** Pool-size advice for an area with its figures (POOL.WHO, POOL.MODES): what the commander decides from. */
export function PoolAdviceCard({ regionCode }: { regionCode: string }) {
  const { t } = useTranslation()
  const [keyArea, setKeyArea] = useState(false)
  const query = { regionCode, keyArea }
  const advice = useQuery({
    queryKey: queryKeyOf(SamplingRoutes.poolAdvice, { query }),
    queryFn: () => call(SamplingRoutes.poolAdvice, { query }),
  })
  const a = advice.data
  return (
    <Card
      size="small"
      title={t('sampling.advice.title')}
      data-testid="pool-advice"
      extra={
        <Checkbox
          checked={keyArea}
          onChange={(e) => {
            setKeyArea(e.target.checked)
          }}
          data-testid="pool-advice-key-area"
        >
          {t('sampling.advice.keyArea')}
        </Checkbox>
      }
    >
      {advice.isError && <ErrorAlert error={advice.error} />}
      {a !== undefined && <AdviceBody a={a} />}
    </Card>
  )
}

function AdviceBody({ a }: { a: PoolAdvice }) {
  const { t } = useTranslation()
  const size = (n: number) =>
    n === 1 ? t('sampling.campaign.single') : t('sampling.campaign.poolValue', { n })
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('sampling.advice.explain', { days: a.windowDays })}
      </Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('sampling.advice.risk')}>
          {t(`sampling.campaign.risks.${a.risk}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('sampling.advice.tested')}>{a.tested}</Descriptions.Item>
        <Descriptions.Item label={t('sampling.advice.positives')}>{a.positives}</Descriptions.Item>
        <Descriptions.Item label={t('sampling.advice.prevalence')}>
          <span data-testid="pool-advice-prevalence">{pct(a.prevalence)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sampling.advice.dilution')}>
          <span data-testid="pool-advice-dilution">
            {a.dilutionAllowed
              ? t('sampling.advice.dilutionYes', { max: pct(a.dilutionMaxPrevalence) })
              : t('sampling.advice.dilutionNo', { max: pct(a.dilutionMaxPrevalence) })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item
          label={t('sampling.advice.ruleSet', { version: ruleSetVersionText(t, a.ruleSetVersion) })}
        >
          {t('sampling.advice.assay', { se: a.assay.sensitivity, sp: a.assay.specificity })}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey="size"
        dataSource={a.figures}
        data-testid="pool-advice-figures"
        columns={[
          {
            title: t('sampling.advice.size'),
            key: 'size',
            render: (_: unknown, f) => (
              <>
                {size(f.size)}{' '}
                {f.size === a.recommended && <Tag color="green">{t('sampling.advice.recommended')}</Tag>}
              </>
            ),
          },
          {
            title: t('sampling.advice.expected'),
            key: 'e',
            render: (_: unknown, f) => f.expectedTestsPerPerson.toFixed(3),
          },
          {
            title: t('sampling.advice.per1000'),
            key: 'k',
            render: (_: unknown, f) => Math.round(f.testsPer1000),
          },
        ]}
      />
    </>
  )
}
