import { Card, Col, Row, Statistic } from 'antd'
import { Link } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { Permission } from '@lianfang/core'
import { translateDynamic } from '../i18n'
import { WEB_MODULES } from '../modules'
import type { WorkbenchBadge } from '../modules-kit/web-module'
import { useCurrentUser } from './Guards'

/** The modules' workbench counts (`WebModule.badges`) the user's permissions allow, in module order. */
export function badgesFor(permissions: readonly Permission[]): WorkbenchBadge[] {
  return WEB_MODULES.flatMap((m) => m.badges ?? []).filter((b) => permissions.includes(b.permission))
}

function BadgeCard({ badge }: { badge: WorkbenchBadge }) {
  const { t } = useTranslation()
  const count = badge.useCount()
  return (
    <Link to={badge.path} data-testid={`badge-${badge.key}`}>
      <Card hoverable size="small">
        <Statistic
          title={translateDynamic(t, badge.label)}
          value={count ?? '—'}
          loading={count === undefined}
          styles={{ content: { color: count !== undefined && count > 0 ? '#cf1322' : undefined } }}
        />
      </Card>
    </Link>
  )
}

/** Work waiting, counted by the modules (overdue cases …), each linking to its list; none: nothing shown. */
export function WorkbenchBadges() {
  const me = useCurrentUser()
  const badges = badgesFor(me.permissions)
  if (badges.length === 0) return null
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="workbench-badges">
      {badges.map((b) => (
        <Col xs={12} sm={8} lg={6} key={b.key}>
          <BadgeCard badge={b} />
        </Col>
      ))}
    </Row>
  )
}
