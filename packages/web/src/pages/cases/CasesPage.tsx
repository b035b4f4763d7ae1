import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Button, Card, Flex, Select, Tag, type TableProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { CASE_OVERDUE, type CaseQuery, type CaseRecord } from '@lianfang/contracts'
import { useCases } from './case-queries'
import { formatDateTime } from '../../components/format'
import { PagedTable, unionOptions, unionValue, useUrlListState } from '../../components/list-kit'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { CASE_STATUSES, STATUS_COLOUR } from './labels'
import { ReportCaseModal } from './ReportCaseModal'
import { RegionName } from '../../components/RegionName'

/** Cases (病例) in the user's region: a classification filter and pages in the URL; report a case. */
export default function CasesPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const list = useUrlListState({ filters: ['status', 'overdue'] })
  const canWrite = useCan('case:write')
  const status = unionValue(CASE_STATUSES, list.filters.status)
  // CASE.REPORT's overdue lists: reported late, or investigation open past its 24 h.
  const overdue = unionValue(CASE_OVERDUE, list.filters.overdue)
  const [reporting, setReporting] = useState(false)

  const query: CaseQuery = { page: list.page, pageSize: list.pageSize }
  if (status !== undefined) query.status = status
  if (overdue !== undefined) query.overdue = overdue
  const cases = useCases(query)

  const columns: TableProps<CaseRecord>['columns'] = [
    {
      title: t('cases.person'),
      key: 'person',
      fixed: 'left',
      render: (_: unknown, c) => (
        <Link to={`/cases/${c.id}`} data-testid={`case-link-${c.id}`}>
          {c.personName}
        </Link>
      ),
    },
    {
      title: t('cases.status'),
      key: 'status',
      render: (_: unknown, c) => (
        <Tag color={STATUS_COLOUR[c.status]}>
          {t(`cases.statuses.${c.status}`)}
          {c.severity !== null && ` · ${t(`cases.severities.${c.severity}`)}`}
        </Tag>
      ),
    },
    { title: t('cases.origin'), key: 'origin', render: (_: unknown, c) => t(`cases.origins.${c.origin}`) },
    {
      title: t('cases.onsetAt'),
      key: 'onset',
      render: (_: unknown, c) => {
        const at = c.onsetAt ?? c.firstPositiveSampleAt
        return at === null ? '—' : formatDateTime(at, lang)
      },
    },
    {
      title: t('cases.region'),
      key: 'region',
      render: (_: unknown, c) => <RegionName code={c.regionCode} />,
    },
    {
      title: t('cases.clocks.title'),
      key: 'clocks',
      render: (_: unknown, c) =>
        CASE_OVERDUE.filter((k) => c.deadlines[k].overdue).map((k) => (
          <Tag key={k} color="error" data-testid={`case-overdue-${k}-${c.id}`}>
            {k === 'investigation' && c.deadlines[k].doneAt !== null
              ? t('cases.overdueDone.investigation')
              : t(`cases.overdue.${k}`)}
          </Tag>
        )),
    },
    {
      title: t('cases.outcome'),
      key: 'outcome',
      render: (_: unknown, c) => (c.outcome === null ? t('cases.ongoing') : t(`cases.outcomes.${c.outcome}`)),
    },
  ]

  return (
    <Card
      title={t('cases.title')}
      extra={
        canWrite && (
          <Button
            type="primary"
            onClick={() => {
              setReporting(true)
            }}
            data-testid="case-report"
          >
            {t('cases.report')}
          </Button>
        )
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('cases.allStatuses')}
          value={status}
          options={unionOptions(CASE_STATUSES, 'cases.statuses', t)}
          onChange={(s: string | undefined) => {
            list.setFilters({ status: s })
          }}
          style={{ flex: '0 1 200px' }}
          data-testid="cases-status"
        />
        <Select
          allowClear
          placeholder={t('cases.overdueFilter')}
          value={overdue}
          options={unionOptions(CASE_OVERDUE, 'cases.overdue', t)}
          onChange={(o: string | undefined) => {
            list.setFilters({ overdue: o })
          }}
          style={{ flex: '0 1 200px' }}
          data-testid="cases-overdue"
        />
      </Flex>
      <PagedTable<CaseRecord>
        query={cases}
        list={list}
        rowKey="id"
        columns={columns}
        emptyText={t(canWrite ? 'cases.emptyWriter' : 'cases.empty')}
        data-testid="cases-table"
      />
      {reporting && (
        <ReportCaseModal
          onClose={() => {
            setReporting(false)
          }}
        />
      )}
    </Card>
  )
}
