import { Button, Card, Descriptions, Result, Space, Table, Typography, type TableProps } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { PersonRoutes, type Household, type PersonSummary } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { isApiError } from '../../api/client'
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert'
import { PageLoading } from '../../components/PageLoading'
import { RegionName } from '../../components/RegionName'
import { useCan } from '../../layout/Guards'
import { NewPersonButton } from './NewPersonButton'

/** A household (户): its address and region, its members, and a new member registered into it. */
export default function HouseholdPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation()
  const household = useQuery({
    queryKey: queryKeyOf(PersonRoutes.getHousehold, { params: { id } }),
    queryFn: () => call(PersonRoutes.getHousehold, { params: { id } }),
  })
  if (household.isPending) return <PageLoading />
  if (household.isError) {
    const error = household.error
    if (isApiError(error) && (error.status === 403 || error.status === 404)) {
      return (
        <Result
          status={error.status}
          title={t(error.status === 403 ? 'person.noAccessTitle' : 'household.notFoundTitle')}
          subTitle={errorMessage(error, t)}
          extra={
            <Link to="/persons">
              <Button type="primary">{t('persons.backToList')}</Button>
            </Link>
          }
          data-testid="household-refused"
        />
      )
    }
    return <ErrorAlert error={error} />
  }
  return <HouseholdView household={household.data} />
}

function HouseholdView({ household }: { household: Household }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const canWrite = useCan('person:write')
  const columns: TableProps<PersonSummary>['columns'] = [
    {
      title: t('person.name'),
      key: 'name',
      render: (_: unknown, m: PersonSummary) => (
        <Link to={`/persons/${m.id}`} data-testid={`household-member-${m.id}`}>
          {m.name}
        </Link>
      ),
    },
    { title: t('person.sex'), key: 'sex', render: (_: unknown, m) => t(`sex.${m.sex}`) },
    { title: t('person.birthDate'), key: 'birthDate', render: (_: unknown, m) => m.birthDate ?? '—' },
    {
      title: t('person.idNumber'),
      key: 'id',
      render: (_: unknown, m) => <Typography.Text code>{m.idNumberMasked}</Typography.Text>,
    },
    { title: t('person.phone'), key: 'phone', render: (_: unknown, m) => m.phoneMasked ?? '—' },
    { title: t('person.region'), key: 'region', render: (_: unknown, m) => m.regionName },
  ]
  return (
    <Card
      title={
        <Space wrap>
          <Button type="text" onClick={() => void navigate(-1)} aria-label={t('common.back')}>
            ←
          </Button>
          <span data-testid="household-address">{household.address}</span>
        </Space>
      }
      extra={canWrite ? <NewPersonButton household={household} /> : undefined}
      data-testid="household-page"
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('household.address')}>{household.address}</Descriptions.Item>
        <Descriptions.Item label={t('person.region')}>
          <span data-testid="household-region">
            <RegionName code={household.regionCode} name={household.regionName} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('household.memberCount')}>{household.members.length}</Descriptions.Item>
      </Descriptions>
      <Table<PersonSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={household.members}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('household.noMembers') }}
        data-testid="household-members"
      />
    </Card>
  )
}
