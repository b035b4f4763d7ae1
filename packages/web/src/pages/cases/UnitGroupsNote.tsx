import { Alert, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { InvestigationGroup } from '@lianfang/contracts'

/**
 * The case's work unit and class (RULES.md CC.SETTINGS 4), named with their size; a large one
 * (server `large`) gets a warning: every member is listed, but the investigator should check with
 * the employer or school which team or room the case was really in.
 */
export function UnitGroupsNote({ groups }: { groups: readonly InvestigationGroup[] }) {
  const { t } = useTranslation()
  if (groups.length === 0) return null
  return (
    <Space
      orientation="vertical"
      size={4}
      style={{ width: '100%', marginBottom: 12 }}
      data-testid="unit-groups"
    >
      {groups.map((g) =>
        g.large ? (
          <Alert
            key={g.groupId}
            type="warning"
            showIcon
            data-testid="unit-group-large"
            title={t(`investigation.unit.large.${g.rule}`, { name: g.name, count: g.members })}
          />
        ) : (
          <Typography.Text key={g.groupId} type="secondary">
            {t(`investigation.unit.size.${g.rule}`, { name: g.name, count: g.members })}
          </Typography.Text>
        ),
      )}
    </Space>
  )
}
