import { useMemo, useState } from 'react'
import { Alert, App, Button, Card, Empty, List, Space, Table, Tag, Typography, type TableProps } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import {
  CaseRoutes,
  type ContactInput,
  type ContactOutcome,
  type SecondaryCandidate,
} from '@lianfang/contracts'
import { call } from '../../api/call'
import { invalidateCodes } from '../../api/queries'
import { invalidateContactsOf, useSecondaryInvestigation } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { PageLoading } from '../../components/PageLoading'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { askToConfirmContacts } from './confirm-contacts'
import { controlColumn, exposureColumns, personColumns } from './contact-columns'
import { OutcomeList } from './ContactOutcomes'
import { RegionName } from '../../components/RegionName'
import { ruleSetVersionText } from '../../components/rule-set-version'

/**
 * Secondary contacts (密接的密接, RULES.md CC2.DEF) of a case: the confirmed close contacts traced
 * (each from their first exposure to their own quarantine), and the people found through them,
 * each with the close contact they were exposed through. The selected ones are confirmed in bulk
 * as secondary contacts (CC2.OBS observation, 协查 for other regions). Under a rule set without
 * secondary-contact management (FK6) there is nothing to trace, and the panel says so.
 */
export function SecondaryContactsPanel({ caseId, bufferMinutes }: { caseId: string; bufferMinutes: number }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const queryClient = useQueryClient()
  const { message, modal } = App.useApp()
  const [selected, setSelected] = useState<string[]>([])
  const [outcomes, setOutcomes] = useState<ContactOutcome[]>()
  const secondary = useSecondaryInvestigation(caseId, bufferMinutes)
  const data = secondary.data
  const venueNames = useMemo(
    () => new Map((data?.venues ?? []).map((v) => [v.venueId, v.name])),
    [data?.venues],
  )
  const viaNames = useMemo(
    () => new Map((data?.traced ?? []).map((c) => [c.personId, c.name])),
    [data?.traced],
  )
  const names = useMemo(
    () => new Map((data?.candidates ?? []).map((c) => [c.personId, c.name])),
    [data?.candidates],
  )

  const confirm = useMutation({
    mutationFn: (contacts: ContactInput[]) =>
      call(CaseRoutes.confirmContacts, { params: { id: caseId }, body: { contacts } }),
    onSuccess: async (result) => {
      setOutcomes(result)
      setSelected([])
      void message.success(t('investigation.confirmed', { count: result.length }))
      await Promise.all([invalidateContactsOf(queryClient, caseId), invalidateCodes(queryClient)])
    },
  })

  if (secondary.isPending) return <PageLoading />
  if (secondary.isError) return <ErrorAlert error={secondary.error} />
  const d = secondary.data
  if (!d.managed)
    return (
      <Alert
        type="info"
        showIcon
        title={t('investigation.secondary.notManaged')}
        description={t('investigation.secondary.ruleSet', {
          version: ruleSetVersionText(t, d.ruleSetVersion),
        })}
        data-testid="secondary-not-managed"
      />
    )

  const columns: TableProps<SecondaryCandidate>['columns'] = [
    ...personColumns<SecondaryCandidate>(t),
    {
      title: t('investigation.secondary.via'),
      key: 'via',
      render: (_: unknown, c) => viaNames.get(c.viaPersonId) ?? c.viaPersonId,
    },
    ...exposureColumns<SecondaryCandidate>(t, venueNames, lang),
    controlColumn<SecondaryCandidate>(t, lang),
  ]

  const submit = () => {
    const chosen = new Set(selected)
    const contacts: ContactInput[] = d.candidates
      .filter((c) => chosen.has(c.personId))
      .map((c) => ({
        personId: c.personId,
        degree: 'secondary',
        viaPersonId: c.viaPersonId,
        lastExposureAt: c.lastExposureAt,
        reasons: c.reasons,
      }))
    if (contacts.length === 0) return
    const people = d.candidates.filter((c) => chosen.has(c.personId))
    askToConfirmContacts(modal, t, people, 'secondary', () => {
      confirm.mutate(contacts)
    })
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="secondary-panel">
      <Alert
        type="info"
        showIcon
        title={t('investigation.secondary.observation', {
          version: ruleSetVersionText(t, d.ruleSetVersion),
          days: d.observationDays,
        })}
      />
      <Card size="small" title={t('investigation.secondary.traced', { count: d.traced.length })}>
        {d.traced.length === 0 ? (
          <Empty description={t('investigation.secondary.noneTraced')} data-testid="secondary-none-traced" />
        ) : (
          <Space wrap data-testid="secondary-traced">
            {d.traced.map((c) => (
              <Tag key={c.personId}>
                {c.name} ·{' '}
                {t('investigation.secondary.interval', {
                  from: formatDateTime(c.from, lang),
                  to: formatDateTime(c.to, lang),
                })}
              </Tag>
            ))}
          </Space>
        )}
        {d.skipped.length > 0 && (
          <List
            size="small"
            header={t('investigation.secondary.skipped', { count: d.skipped.length })}
            dataSource={d.skipped}
            renderItem={(s) => (
              <List.Item key={s.contactId}>
                <Space wrap>
                  <Tag color="purple">
                    <RegionName code={s.regionCode} />
                  </Tag>
                  <Typography.Text type="secondary" data-testid={`secondary-skipped-${s.reason}`}>
                    {t(`investigation.secondary.skip.${s.reason}`, s.params)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card
        title={t('investigation.secondary.candidates', { count: d.candidates.length })}
        extra={
          <Space wrap>
            <span>{t('investigation.selected', { count: selected.length })}</span>
            <Button
              type="primary"
              disabled={selected.length === 0}
              loading={confirm.isPending}
              onClick={submit}
              data-testid="secondary-confirm"
            >
              {t('investigation.secondary.confirm')}
            </Button>
          </Space>
        }
      >
        {confirm.isError && <ErrorAlert error={confirm.error} />}
        {outcomes !== undefined && (
          <OutcomeList outcomes={outcomes} names={names} testId="secondary-outcomes" />
        )}
        <Table<SecondaryCandidate>
          rowKey="personId"
          size="small"
          columns={columns}
          dataSource={d.candidates}
          loading={secondary.isFetching}
          scroll={{ x: 'max-content' }}
          rowSelection={{
            selectedRowKeys: selected,
            getCheckboxProps: (c) => ({ disabled: c.control !== null }),
            onChange: (keys) => {
              setSelected(keys.map(String))
            },
          }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true }}
          data-testid="secondary-candidates"
        />
      </Card>
    </Space>
  )
}
