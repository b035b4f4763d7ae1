import { useState } from 'react'
import { Alert, Button, Card, Empty, Space, Statistic, Table, Typography, type TableProps } from 'antd'
import { useTranslation } from 'react-i18next'
import type { GeneralContact } from '@lianfang/contracts'
import { useGeneralContacts, useGeneralContactsSummary } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { currentLanguage, translateDynamic } from '../../i18n'
import { exposureColumns, personColumns } from './contact-columns'

const PAGE_SIZE = 20

/**
 * General contacts (一般接触者, RULES.md GC.DEF) of a case: people who were in the same office
 * building, school, market… as the case, where sharing the venue does not by itself make a close
 * contact (rule-set `closeContact.overlapTier`; the work unit, class and household groups do), and
 * fellow travellers seated outside the case's seat zone on a conveyance (CC.TRANSPORT.*). Above the
 * list, the health-risk notice GC.DEF asks them to be given (self-monitoring), ready to copy.
 * The counts per venue are read apart from the investigation (whose candidates do not wait for
 * them; this panel shows its loading state meanwhile); the people are read page by page from the
 * server (masked and marked for 协查 when of another region, like the candidates). The investigator
 * may judge some to be close contacts all the same (CC.SETTINGS 9): the selected ones are taken
 * into the candidate list, to be confirmed there with the others.
 */
export function GeneralContactsPanel({
  caseId,
  bufferMinutes,
  venueNames,
  taken,
  onTake,
}: {
  caseId: string
  bufferMinutes: number
  venueNames: ReadonlyMap<string, string>
  /** Person ids already taken into the candidate list. */
  taken: ReadonlySet<string>
  onTake: (people: GeneralContact[]) => void
}) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const [venueId, setVenueId] = useState<string>()
  const [page, setPage] = useState(1)
  const [selected, setSelected] = useState<Map<string, GeneralContact>>(new Map())
  const summary = useGeneralContactsSummary(caseId, bufferMinutes)
  const total = summary.data?.total ?? 0
  const list = useGeneralContacts(
    caseId,
    {
      bufferMinutes,
      ...(venueId === undefined ? {} : { venueId }),
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    },
    total > 0,
  )
  const chooseVenue = (id: string | undefined) => {
    setVenueId(id)
    setPage(1)
  }

  const columns: TableProps<GeneralContact>['columns'] = [
    ...personColumns<GeneralContact>(t, taken),
    ...exposureColumns<GeneralContact>(t, venueNames, lang),
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="general-contacts">
      <Alert type="info" showIcon title={t('investigation.general.explain')} />
      <Alert
        type="warning"
        showIcon
        title={t('investigation.general.noticeTitle')}
        description={
          <Typography.Paragraph copyable style={{ marginBottom: 0 }} data-testid="general-notice">
            {t('investigation.general.notice')}
          </Typography.Paragraph>
        }
      />
      <Card title={t('investigation.general.byVenue')} loading={summary.isPending}>
        {summary.isError && <ErrorAlert error={summary.error} />}
        {summary.data === undefined ? null : summary.data.byVenue.length === 0 ? (
          <Empty description={t('investigation.general.noVenues')} />
        ) : (
          <Space wrap size="large" data-testid="general-by-venue">
            <Statistic
              title={
                <Button
                  type={venueId === undefined ? 'primary' : 'default'}
                  size="small"
                  onClick={() => {
                    chooseVenue(undefined)
                  }}
                  data-testid="general-venue-all"
                >
                  {t('investigation.general.allVenues')}
                </Button>
              }
              value={summary.data.total}
            />
            {summary.data.byVenue.map((v) => (
              <Statistic
                key={v.venueId}
                title={
                  <Button
                    type={venueId === v.venueId ? 'primary' : 'default'}
                    size="small"
                    onClick={() => {
                      chooseVenue(v.venueId)
                    }}
                    data-testid={`general-venue-${v.venueId}`}
                  >
                    {v.venueName} · {translateDynamic(t, `venues.kinds.${v.kind}`)}
                  </Button>
                }
                value={v.count}
              />
            ))}
          </Space>
        )}
      </Card>
      <Card
        title={t('investigation.general.list', { count: list.data?.total ?? total })}
        extra={
          <Space wrap>
            <span>{t('investigation.selected', { count: selected.size })}</span>
            <Button
              type="primary"
              disabled={selected.size === 0}
              onClick={() => {
                onTake([...selected.values()])
                setSelected(new Map())
              }}
              data-testid="general-take"
            >
              {t('investigation.general.take')}
            </Button>
          </Space>
        }
      >
        {list.isError && <ErrorAlert error={list.error} />}
        <Table<GeneralContact>
          rowKey="personId"
          size="small"
          columns={columns}
          dataSource={total > 0 ? (list.data?.items ?? []) : []}
          loading={summary.isPending || list.isFetching}
          scroll={{ x: 'max-content' }}
          rowSelection={{
            selectedRowKeys: [...selected.keys()],
            preserveSelectedRowKeys: true,
            getCheckboxProps: (c) => ({ disabled: taken.has(c.personId) }),
            onChange: (keys, rows) => {
              // Rows of other pages stay selected (preserveSelectedRowKeys); antd hands back only
              // the keys for those, so keep the people already known.
              setSelected((before) => {
                const next = new Map<string, GeneralContact>()
                for (const key of keys.map(String)) {
                  const row = rows.find((r) => r.personId === key) ?? before.get(key)
                  if (row) next.set(key, row)
                }
                return next
              })
            },
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => {
              setPage(p)
            },
          }}
          data-testid="general-contacts-table"
        />
      </Card>
    </Space>
  )
}
