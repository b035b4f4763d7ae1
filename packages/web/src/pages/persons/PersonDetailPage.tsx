import { useState } from 'react'
import { Button, Card, Descriptions, Result, Space, Table, Tag, Typography, type TableProps } from 'antd'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { PersonDetail, PersonSummary, UnmaskedIdentity } from '@lianfang/contracts'
import { isApiError } from '../../api/client'
import { usePerson } from '../../api/queries'
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert'
import { PageLoading } from '../../components/PageLoading'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { UnmaskButton } from './UnmaskButton'
import { VerifyPhoneButton } from './VerifyPhoneButton'
import { EditPersonButton } from './EditPersonButton'
import { HealthCodePanel } from './HealthCodePanel'
import { PersonMemberships } from './PersonMemberships'

function BackToList() {
  const { t } = useTranslation()
  return (
    <Link to="/persons">
      <Button type="primary">{t('persons.backToList')}</Button>
    </Link>
  )
}

/** One person: identity masked, household and its members, and (for some roles) unmasking. */
export default function PersonDetailPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation()
  const person = usePerson(id)

  if (person.isPending) return <PageLoading />
  if (person.isError) {
    const error = person.error
    if (isApiError(error) && error.status === 403) {
      return (
        <Result
          status="403"
          title={t('person.noAccessTitle')}
          subTitle={errorMessage(error, t)}
          extra={<BackToList />}
          data-testid="person-no-access"
        />
      )
    }
    if (isApiError(error) && error.status === 404) {
      return (
        <Result
          status="404"
          title={t('person.notFoundTitle')}
          subTitle={errorMessage(error, t)}
          extra={<BackToList />}
          data-testid="person-not-found"
        />
      )
    }
    return <ErrorAlert error={error} />
  }
  return <PersonView person={person.data} />
}

function PersonView({ person }: { person: PersonDetail }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const canUnmask = useCan('person:unmask')
  const canWrite = useCan('person:write')
  const canAudit = useCan('audit:read')
  const canReadCode = useCan('code:read')
  const [identity, setIdentity] = useState<UnmaskedIdentity | null>(null)
  const lang = currentLanguage()

  const idNumber = (
    <Space wrap>
      <Tag>{t(`idType.${person.idType}`)}</Tag>
      <Typography.Text code copyable={identity !== null} data-testid="person-id-number">
        {identity?.idNumber ?? person.idNumberMasked}
      </Typography.Text>
      {identity !== null ? (
        <Tag color="orange" data-testid="person-unmasked">
          {t('unmask.shown')}
        </Tag>
      ) : (
        canUnmask && <UnmaskButton personId={person.id} onUnmasked={setIdentity} />
      )}
    </Space>
  )

  const members: TableProps<PersonSummary>['columns'] = [
    {
      title: t('person.name'),
      key: 'name',
      render: (_: unknown, m: PersonSummary) =>
        m.id === person.id ? (
          <Space>
            {m.name}
            <Tag color="blue">{t('household.self')}</Tag>
          </Space>
        ) : (
          <Link to={`/persons/${m.id}`}>{m.name}</Link>
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
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="person-detail">
      <Card
        title={
          <Space wrap>
            <Button type="text" onClick={() => void navigate(-1)} aria-label={t('common.back')}>
              ←
            </Button>
            <span data-testid="person-name">{person.name}</span>
          </Space>
        }
        extra={
          <Space wrap>
            {canWrite && <EditPersonButton person={person} />}
            {canAudit && (
              <Link to={`/audit?targetType=person&targetId=${person.id}`}>{t('person.auditTrail')}</Link>
            )}
          </Space>
        }
      >
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          size="small"
          bordered
          styles={{ label: { whiteSpace: 'nowrap' } }}
        >
          <Descriptions.Item label={t('person.name')}>{person.name}</Descriptions.Item>
          <Descriptions.Item label={t('person.sex')}>{t(`sex.${person.sex}`)}</Descriptions.Item>
          <Descriptions.Item label={t('person.birthDate')}>{person.birthDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('person.idNumber')} span={2}>
            {idNumber}
          </Descriptions.Item>
          <Descriptions.Item label={t('person.phone')}>
            <Space wrap>
              <span data-testid="person-phone">
                {identity !== null ? (identity.phone ?? '—') : (person.phoneMasked ?? '—')}
              </span>
              {canWrite && <VerifyPhoneButton person={person} />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('person.region')}>
            <span data-testid="person-region">{person.regionName}</span>{' '}
            <Typography.Text type="secondary">({person.regionCode})</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('person.address')} span={2}>
            {person.address ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('person.updatedAt')}>
            {formatDateTime(person.updatedAt, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('person.version')}>{person.version}</Descriptions.Item>
        </Descriptions>
      </Card>
      <PersonMemberships person={person} />
      {canReadCode && <HealthCodePanel personId={person.id} />}
      <Card
        title={t('household.title')}
        extra={
          person.household === null ? undefined : (
            <Link to={`/households/${person.household.id}`} data-testid="person-household-link">
              {t('household.view')}
            </Link>
          )
        }
        data-testid="person-household"
      >
        {person.household === null ? (
          <Typography.Text type="secondary">{t('household.none')}</Typography.Text>
        ) : (
          <>
            <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('household.address')}>{person.household.address}</Descriptions.Item>
              <Descriptions.Item label={t('household.memberCount')}>
                {person.household.members.length}
              </Descriptions.Item>
            </Descriptions>
            <Table<PersonSummary>
              rowKey="id"
              size="small"
              columns={members}
              dataSource={person.household.members}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          </>
        )}
      </Card>
    </Space>
  )
}
