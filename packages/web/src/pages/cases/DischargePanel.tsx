import { useState } from 'react'
import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CaseRecord } from '@lianfang/contracts'
import { useDischargeCheck } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { translateDynamic } from '../../i18n'
import { DischargeModal } from './DischargeModal'

/** Which discharge (confirmed) or release (asymptomatic) criteria are met, and the discharge itself. */
export function DischargePanel({ c, canWrite }: { c: CaseRecord; canWrite: boolean }) {
  const { t } = useTranslation()
  const applicable = c.outcome === null && (c.status === 'confirmed' || c.status === 'asymptomatic')
  const check = useDischargeCheck(c.id, applicable)
  const [open, setOpen] = useState(false)
  if (!applicable)
    return (
      <Card title={t('cases.discharge.title')}>
        <Empty description={t('cases.discharge.notApplicable')} />
      </Card>
    )
  return (
    <Card
      title={t('cases.discharge.title')}
      data-testid="discharge-panel"
      extra={
        canWrite && (
          <Button
            onClick={() => {
              setOpen(true)
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
          <List
            size="small"
            dataSource={check.data.criteria}
            renderItem={(cr) => (
              <List.Item data-testid={`criterion-${cr.id}`}>
                <Space wrap>
                  <Tag color={cr.met ? 'success' : 'error'}>
                    {cr.met ? t('cases.discharge.met') : t('cases.discharge.missing')}
                  </Tag>
                  <span>{translateDynamic(t, `cases.discharge.criteria.${cr.id}`)}</span>
                  <Typography.Text type="secondary">{cr.detail}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
      {open && (
        <DischargeModal
          c={c}
          onClose={() => {
            setOpen(false)
          }}
        />
      )}
    </Card>
  )
}
