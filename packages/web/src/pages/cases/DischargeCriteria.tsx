import { List, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DischargeCheck } from '@lianfang/contracts'
import { criterionDetail, criterionLabel } from './criterion-text'

/** The criteria of a discharge / release / exclusion check: met or missing, named and explained. */
export function DischargeCriteria({ criteria }: { criteria: DischargeCheck['criteria'] }) {
  const { t } = useTranslation()
  return (
    <List
      size="small"
      dataSource={criteria}
      renderItem={(cr) => (
        <List.Item data-testid={`criterion-${cr.id}`}>
          <Space wrap>
            <Tag color={cr.met ? 'success' : 'error'}>
              {cr.met ? t('cases.discharge.met') : t('cases.discharge.missing')}
            </Tag>
            <span>{criterionLabel(t, cr)}</span>
            <Typography.Text type="secondary">{criterionDetail(t, cr)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  )
}

/** The criteria a refused discharge or exclusion (409 DISCHARGE_CRITERIA_NOT_MET) names as missing. */
export function MissingCriteria({ details }: { details: unknown }) {
  const { t } = useTranslation()
  const criteria = criteriaOf(details)?.filter((c) => !c.met)
  if (criteria === undefined || criteria.length === 0) return null
  return (
    <div data-testid="discharge-missing" style={{ marginBottom: 12 }}>
      <Typography.Text strong>{t('cases.discharge.stillMissing')}</Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
        {criteria.map((c) => (
          <li key={c.id}>
            {criterionLabel(t, c)}: {criterionDetail(t, c)}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The check a 409 carries in its details, if it looks like one. */
function criteriaOf(details: unknown): DischargeCheck['criteria'] | undefined {
  if (typeof details !== 'object' || details === null || !('criteria' in details)) return undefined
  const list = details.criteria
  if (!Array.isArray(list)) return undefined
  return list.filter(
    (c): c is DischargeCheck['criteria'][number] =>
      typeof c === 'object' &&
      c !== null &&
      typeof (c as { id?: unknown }).id === 'string' &&
      typeof (c as { variant?: unknown }).variant === 'string' &&
      typeof (c as { params?: unknown }).params === 'object',
  )
}
