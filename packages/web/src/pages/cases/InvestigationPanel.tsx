import { useMemo, useState } from 'react'
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  InputNumber,
  Segmented,
  Space,
  Spin,
  Table,
  Tabs,
  type TableProps,
} from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import {
  CaseRoutes,
  type ContactInput,
  type ContactOutcome,
  type GeneralContact,
  type InvestigationCandidate,
} from '@lianfang/contracts'
import { call } from '../../api/call'
import { invalidateCodes } from '../../api/queries'
import { invalidateContactsOf, useGeneralContactsSummary, useInvestigation } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { candidateColumns, exposureColumns, personColumns } from './contact-columns'
import { CANDIDATE_GROUPS, candidateGroup, countByGroup, type CandidateGroup } from './candidate-groups'
import { OutcomeList } from './ContactOutcomes'
import { SecondaryContactsPanel } from './SecondaryContactsPanel'
import { GeneralContactsPanel } from './GeneralContactsPanel'
import { InvestigationTimeline } from './InvestigationTimeline'
import { askToConfirmContacts } from './confirm-contacts'
import { UnitGroupsNote } from './UnitGroupsNote'
import { unitNameKey } from './labels'
import { ruleSetVersionText } from '../../components/rule-set-version'

const DEFAULT_BUFFER = 30

/**
 * The investigation (流调) of a case: the exposure window, the case's check-ins in it and the
 * candidate contacts with their strongest reason; the selected ones are confirmed in bulk and
 * each answer shown (quarantine order, 协查 to another region, or why refused). A second tab
 * lists the general contacts (一般接触者: the same office building, school, market…), counted and
 * read apart so that the candidates never wait for them, of which the investigator may take some
 * into the candidates; a third does the same as the first for secondary contacts (密接的密接)
 * through the confirmed close contacts.
 */
export function InvestigationPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const queryClient = useQueryClient()
  const { message, modal } = App.useApp()
  const [bufferDraft, setBufferDraft] = useState(DEFAULT_BUFFER)
  const [buffer, setBuffer] = useState(DEFAULT_BUFFER)
  const [selected, setSelected] = useState<string[]>([])
  const [outcomes, setOutcomes] = useState<ContactOutcome[]>()
  const [tab, setTab] = useState('close')
  // General contacts the investigator took into the candidates (CC.SETTINGS 9), until confirmed.
  const [taken, setTaken] = useState<GeneralContact[]>([])
  const investigation = useInvestigation(caseId, buffer)
  const data = investigation.data
  // Read beside the investigation, not with it: the candidates show without waiting for this count.
  const generalSummary = useGeneralContactsSummary(caseId, buffer)
  const rows = useMemo<InvestigationCandidate[]>(() => {
    const candidates = data?.candidates ?? []
    const known = new Set(candidates.map((c) => c.personId))
    // Taken general contacts first: the investigator just chose them, and the list pages by 20.
    return [
      ...taken
        .filter((g) => !known.has(g.personId))
        .map((g) => ({ ...g, degree: 'close' as const, control: null })),
      ...candidates,
    ]
  }, [data?.candidates, taken])
  const [group, setGroup] = useState<CandidateGroup | 'all'>('all')
  const counts = useMemo(() => countByGroup(rows), [rows])
  const shown = useMemo(
    () => (group === 'all' ? rows : rows.filter((c) => candidateGroup(c) === group)),
    [rows, group],
  )
  const takenIds = useMemo(() => new Set(taken.map((g) => g.personId)), [taken])
  // Venue names by id, and the case's work unit and class by `unitNameKey` (reasonText reads both).
  const venueNames = useMemo(
    () =>
      new Map([
        ...(data?.timeline ?? []).map((v) => [v.venueId, v.venueName] as const),
        ...(data?.groups ?? []).map((g) => [unitNameKey(g.groupId), g.name] as const),
      ]),
    [data?.timeline, data?.groups],
  )
  const names = useMemo(() => new Map(rows.map((c) => [c.personId, c.name])), [rows])

  const confirm = useMutation({
    mutationFn: (contacts: ContactInput[]) =>
      call(CaseRoutes.confirmContacts, { params: { id: caseId }, body: { contacts } }),
    onSuccess: async (result) => {
      setOutcomes(result)
      setSelected([])
      setTaken([])
      void message.success(t('investigation.confirmed', { count: result.length }))
      await Promise.all([invalidateContactsOf(queryClient, caseId), invalidateCodes(queryClient)])
    },
  })

  const columns: TableProps<InvestigationCandidate>['columns'] = [
    ...personColumns<InvestigationCandidate>(t, takenIds),
    ...candidateColumns(t, lang),
    {
      title: t('investigation.degree'),
      key: 'degree',
      render: (_: unknown, c) => t(`investigation.degrees.${c.degree}`),
    },
    ...exposureColumns<InvestigationCandidate>(t, venueNames, lang),
  ]

  const submit = () => {
    const chosen = new Set(selected)
    const contacts: ContactInput[] = rows
      .filter((c) => chosen.has(c.personId))
      .map((c) => ({
        personId: c.personId,
        degree: c.degree,
        lastExposureAt: c.lastExposureAt,
        reasons: c.reasons,
      }))
    if (contacts.length === 0) return
    const people = rows.filter((c) => chosen.has(c.personId))
    askToConfirmContacts(modal, t, people, 'close', () => {
      confirm.mutate(contacts)
    })
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="investigation">
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <span>{t('investigation.buffer')}</span>
          <InputNumber
            min={0}
            max={240}
            value={bufferDraft}
            onChange={(v) => {
              setBufferDraft(v ?? 0)
            }}
            data-testid="investigation-buffer"
          />
          <Button
            onClick={() => {
              setBuffer(bufferDraft)
            }}
            loading={investigation.isFetching}
            data-testid="investigation-refresh"
          >
            {t('investigation.refresh')}
          </Button>
        </Flex>
        {investigation.isError && <ErrorAlert error={investigation.error} />}
        {data !== undefined && (
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('investigation.window')}>
              <span data-testid="investigation-window">
                {formatDateTime(data.window.start, lang)} – {formatDateTime(data.window.end, lang)}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('investigation.ruleSet')}>
              {ruleSetVersionText(t, data.ruleSetVersion)}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Tabs
        destroyOnHidden
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'close',
            label: <span data-testid="investigation-tab-close">{t('investigation.tabs.close')}</span>,
            children: (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                {data !== undefined && <InvestigationTimeline timeline={data.timeline} />}
                {data !== undefined && (
                  <Card
                    title={t('investigation.candidates', { count: rows.length })}
                    extra={
                      <Space wrap>
                        <span>{t('investigation.selected', { count: selected.length })}</span>
                        <Button
                          type="primary"
                          disabled={selected.length === 0}
                          loading={confirm.isPending}
                          onClick={submit}
                          data-testid="investigation-confirm"
                        >
                          {t('investigation.confirm')}
                        </Button>
                      </Space>
                    }
                  >
                    {confirm.isError && <ErrorAlert error={confirm.error} />}
                    {outcomes !== undefined && <OutcomeList outcomes={outcomes} names={names} />}
                    <UnitGroupsNote groups={data.groups} />
                    <Segmented<CandidateGroup | 'all'>
                      value={group}
                      onChange={setGroup}
                      style={{ marginBottom: 12 }}
                      data-testid="investigation-groups"
                      options={[
                        { value: 'all', label: t('investigation.groups.all', { count: rows.length }) },
                        ...CANDIDATE_GROUPS.map((g) => ({
                          value: g,
                          label: `${t(`investigation.groups.${g}`)} ${String(counts[g])}`,
                          disabled: counts[g] === 0,
                        })),
                      ]}
                    />
                    <Table<InvestigationCandidate>
                      rowKey="personId"
                      size="small"
                      columns={columns}
                      dataSource={shown}
                      scroll={{ x: 'max-content' }}
                      rowSelection={{
                        selectedRowKeys: selected,
                        // Already a case, this case's contact or in isolation: not confirmed twice.
                        getCheckboxProps: (c) => ({ disabled: c.control !== null }),
                        onChange: (keys) => {
                          setSelected(keys.map(String))
                        },
                      }}
                      pagination={{ defaultPageSize: 20, showSizeChanger: true }}
                      data-testid="investigation-candidates"
                    />
                  </Card>
                )}
              </Space>
            ),
          },
          {
            key: 'general',
            label: (
              <span data-testid="investigation-tab-general">
                {generalSummary.data === undefined ? (
                  <Space size={4}>
                    {t('investigation.tabs.generalPending')}
                    {generalSummary.isFetching && <Spin size="small" />}
                  </Space>
                ) : (
                  t('investigation.tabs.general', { count: generalSummary.data.total })
                )}
              </span>
            ),
            children: data !== undefined && (
              <GeneralContactsPanel
                caseId={caseId}
                bufferMinutes={buffer}
                venueNames={venueNames}
                taken={takenIds}
                onTake={(people) => {
                  const fresh = people.filter((p) => !takenIds.has(p.personId))
                  setTaken((before) => [...before, ...fresh])
                  setSelected((before) => [...new Set([...before, ...fresh.map((p) => p.personId)])])
                  setTab('close')
                  void message.success(t('investigation.general.taken', { count: fresh.length }))
                }}
              />
            ),
          },
          {
            key: 'secondary',
            label: <span data-testid="investigation-tab-secondary">{t('investigation.tabs.secondary')}</span>,
            children: <SecondaryContactsPanel caseId={caseId} bufferMinutes={buffer} />,
          },
        ]}
      />
    </Space>
  )
}
