import { useState } from 'react'
import { Alert, Button, Card, Empty, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CaseRecord } from '@lianfang/contracts'
import { useDischargeCheck } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { DischargeModal } from './DischargeModal'
import { DischargeCriteria } from './DischargeCriteria'
import { TemperatureReadings } from './TemperatureReadings'
import { AntibodyResults } from './AntibodyResults'

/**
 * Which discharge (confirmed), release (asymptomatic) or exclusion (suspected) criteria are met,
 * with the readings they use — temperatures recorded here for a confirmed case, antibody results
 * for a suspected one — and the discharge itself (an exclusion is a re-classification).
 */
export function DischargePanel({ c, canWrite }: { c: CaseRecord; canWrite: boolean }) {
  const { t } = useTranslation()
  const open = c.outcome === null
  const discharging = open && (c.status === 'confirmed' || c.status === 'asymptomatic')
  const excluding = open && c.status === 'suspected'
  const check = useDischargeCheck(c.id, discharging || excluding)
  const [modal, setModal] = useState(false)
  if (!discharging && !excluding)
    return (
      <Card title={t('cases.discharge.title')}>
        <Empty description={t('cases.discharge.notApplicable')} />
      </Card>
    )
  return (
    <Card
      title={excluding ? t('cases.discharge.exclusionTitle') : t('cases.discharge.title')}
      data-testid="discharge-panel"
      extra={
        canWrite &&
        discharging && (
          <Button
            onClick={() => {
              setModal(true)
            }}
            data-testid="discharge-open"
          >
            {t('cases.discharge.button')}
          </Button>
        )
      }
    >
      {check.isError && <ErrorAlert error={check.error} />}
      {check.data !== undefined && (
        <>
          <Alert
            type={check.data.met ? 'success' : 'warning'}
            showIcon
            title={check.data.met ? t('cases.discharge.allMet') : t('cases.discharge.notMet')}
            style={{ marginBottom: 12 }}
          />
          {excluding && (
            <Typography.Paragraph type="secondary">{t('cases.discharge.exclusionHint')}</Typography.Paragraph>
          )}
          <DischargeCriteria criteria={check.data.criteria} />
          {c.status === 'confirmed' && (
            <TemperatureReadings caseId={c.id} personId={c.personId} check={check.data} />
          )}
          {excluding && <AntibodyResults caseId={c.id} personId={c.personId} check={check.data} />}
        </>
      )}
      {modal && (
        <DischargeModal
          c={c}
          check={check.data}
          onClose={() => {
            setModal(false)
          }}
        />
      )}
    </Card>
  )
}
