import { useState } from 'react'
import { Card, Checkbox, Form, Input, Space, Table, Tag } from 'antd'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { SamplingRoutes, type MissingPerson, type MissingQuery } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { MutationButton } from '../../components/list-kit'
import { RegionName } from '../../components/RegionName'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'

/**
 * Who is not tested yet in the worker's communities (masked; each read is audited by the server),
 * with the "unreachable" mark a community worker sets or removes while the campaign is open.
 */
export function MissingList({ campaignId, open }: { campaignId: string; open: boolean }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [page, setPage] = useState({ page: 1, pageSize: 20 })
  const [regionCode, setRegionCode] = useState<string | undefined>()
  const [includeUnreachable, setInclude] = useState(false)
  const params = { id: campaignId }
  const query: MissingQuery = {
    ...page,
    includeUnreachable,
    ...(regionCode === undefined || regionCode.length < 6 ? {} : { regionCode }),
  }
  const missing = useQuery({
    queryKey: queryKeyOf(SamplingRoutes.missing, { params, query }),
    queryFn: () => call(SamplingRoutes.missing, { params, query }),
    placeholderData: keepPreviousData,
  })
  const refresh = () => {
    // The missing list and the progress of the campaign.
    void queryClient.invalidateQueries({ queryKey: ['campaigns'] })
  }
  const mark = (m: MissingPerson) => (
    <MutationButton<{ note?: string }, { ok: boolean }>
      buttonText={
        m.unreachable ? t('sampling.campaign.unmarkUnreachable') : t('sampling.campaign.markUnreachable')
      }
      buttonTestId={`missing-mark-${m.personId}`}
      title={`${m.nameMasked} ${m.idNumberMasked}`}
      okText={
        m.unreachable ? t('sampling.campaign.unmarkUnreachable') : t('sampling.campaign.markUnreachable')
      }
      testId={`missing-mark-${m.personId}`}
      mutationFn={(v) =>
        call(SamplingRoutes.markUnreachable, {
          params,
          body: {
            personId: m.personId,
            unreachable: !m.unreachable,
            ...(v.note === undefined || v.note.trim() === '' ? {} : { note: v.note }),
          },
        })
      }
      onSuccess={refresh}
    >
      {!m.unreachable && (
        <Form.Item name="note" label={t('sampling.campaign.note')}>
          <Input maxLength={500} />
        </Form.Item>
      )}
    </MutationButton>
  )
  return (
    <Card size="small" title={t('sampling.campaign.missing')} data-testid="campaign-missing">
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionTreeSelect
          value={regionCode}
          onChange={setRegionCode}
          testId="missing-region"
          style={{ width: 260 }}
        />
        <Checkbox
          checked={includeUnreachable}
          onChange={(e) => {
            setInclude(e.target.checked)
          }}
        >
          {t('sampling.campaign.includeUnreachable')}
        </Checkbox>
      </Space>
      {missing.isError && <ErrorAlert error={missing.error} />}
      <Table<MissingPerson>
        size="small"
        rowKey="personId"
        loading={missing.isFetching}
        dataSource={missing.data?.items ?? []}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: missing.data?.total ?? 0,
          onChange: (p, s) => {
            setPage({ page: s === page.pageSize ? p : 1, pageSize: s })
          },
        }}
        data-testid="campaign-missing-table"
        columns={[
          { title: t('sampling.campaign.person'), dataIndex: 'nameMasked', key: 'name' },
          {
            title: t('sampling.campaign.phone'),
            key: 'phone',
            render: (_: unknown, m) => m.phoneMasked ?? '—',
          },
          { title: t('sampling.campaign.idNumber'), dataIndex: 'idNumberMasked', key: 'id' },
          {
            title: t('sampling.campaign.community'),
            key: 'region',
            render: (_: unknown, m) => <RegionName code={m.regionCode} name={m.regionName} />,
          },
          {
            title: t('sampling.campaign.unreachable'),
            key: 'unreachable',
            render: (_: unknown, m) => (
              <Space>
                {m.unreachable && (
                  <Tag color="orange">{m.unreachableNote ?? t('sampling.campaign.unreachable')}</Tag>
                )}
                {open && mark(m)}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  )
}
