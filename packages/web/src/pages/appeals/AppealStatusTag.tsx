import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { AppealStatus } from '../../api/types'

const COLOUR: Readonly<Record<AppealStatus, string>> = {
  open: 'processing',
  accepted: 'success',
  rejected: 'default',
}

export function AppealStatusTag({ status }: { status: AppealStatus }) {
  const { t } = useTranslation()
  return (
    <Tag color={COLOUR[status]} data-status={status}>
      {t(`appealStatus.${status}`)}
    </Tag>
  )
}
