import { Card, Descriptions, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { PersonDetail } from '@lianfang/contracts'

/**
 * A person's employer and school with the unit in each (RULES.md CC.SETTINGS 4: investigations
 * take the work-unit and class contacts from the unit, never from the whole employer or school).
 * A venue without a unit is said to give no such contacts.
 */
export function PersonMemberships({ person }: { person: PersonDetail }) {
  const { t } = useTranslation()
  const none = <Typography.Text type="secondary">{t('person.none')}</Typography.Text>
  const unit = (venue: string | null, name: string | null) =>
    venue === null ? (
      none
    ) : name === null ? (
      <Typography.Text type="warning">{t('person.noUnit')}</Typography.Text>
    ) : (
      name
    )
  return (
    <Card title={t('person.memberships')} data-testid="person-memberships">
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={t('person.workplace')}>{person.workplaceName ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('person.workUnit')}>
          {unit(person.workplaceId, person.workUnitName)}
        </Descriptions.Item>
        <Descriptions.Item label={t('person.school')}>{person.schoolName ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('person.classUnit')}>
          {unit(person.schoolId, person.classUnitName)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  )
}
