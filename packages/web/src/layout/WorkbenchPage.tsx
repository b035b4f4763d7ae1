import { Alert, Card, Col, Empty, Row, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { Link } from 'react-router-dom'
import i18n, { translateDynamic } from '../i18n'
import { useCurrentUser } from './Guards'
import { navGroupsFor } from './navigation'
import { WorkbenchBadges } from './WorkbenchBadges'

/** The text of a key that a role or a page may not have: empty when missing. */
function optional(t: TFunction, key: string): string {
  return i18n.exists(key) ? translateDynamic(t, key) : ''
}

/**
 * The workbench (工作台, `/home`): who is signed in, for which region, and every page their role
 * may open, grouped as in the menu with one line on what each is for, and above them the counts of
 * waiting work the modules declare (`WebModule.badges`: overdue cases). A role whose own daily
 * pages are not in the console yet (the lab, isolation staff) reads where its work is done today.
 */
export function WorkbenchPage() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const groups = navGroupsFor(me.permissions)
  const note = optional(t, `workbench.note.${me.role}`)
  return (
    <div data-testid="workbench">
      <Typography.Title level={3}>{t('workbench.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('workbench.whoAmI', { role: t(`role.${me.role}`), region: me.regionName })}
      </Typography.Paragraph>
      {note !== '' && (
        <Alert type="info" showIcon title={note} style={{ marginBottom: 16 }} data-testid="workbench-note" />
      )}
      <WorkbenchBadges />
      {groups.length === 0 ? (
        <Empty description={t('home.nothingBody')} />
      ) : (
        groups.map((g) => (
          <div key={g.group} style={{ marginBottom: 16 }}>
            <Typography.Title level={5}>{t(`navGroup.${g.group}`)}</Typography.Title>
            <Row gutter={[16, 16]}>
              {g.items.map((item) => (
                <Col xs={24} sm={12} lg={8} key={item.key}>
                  <Link to={item.path} data-testid={`workbench-${item.key}`}>
                    <Card hoverable size="small" title={translateDynamic(t, item.label)}>
                      {optional(t, `workbench.hint.${item.key}`)}
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          </div>
        ))
      )}
    </div>
  )
}
