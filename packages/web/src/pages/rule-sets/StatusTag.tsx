import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { RuleSetRecord } from '@lianfang/contracts'

export type Status = RuleSetRecord['status']
const STATUS_COLOUR: Readonly<Record<Status, string>> = {
  preset: 'purple',
  draft: 'gold',
  published: 'green',
  superseded: 'default',
}

/** A rule set's status as a coloured tag. */
export function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation()
  return <Tag color={STATUS_COLOUR[status]}>{t(`ruleSets.status.${status}`)}</Tag>
}
