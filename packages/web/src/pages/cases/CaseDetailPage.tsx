import { Link, useParams } from 'react-router-dom'
import { Space, Tabs } from 'antd'
import { useTranslation } from 'react-i18next'
import { useCase } from './case-queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { PageLoading } from '../../components/PageLoading'
import { CaseFollowups } from '../followups/CaseFollowups'
import { useCan } from '../../layout/Guards'
import { ContactsPanel } from './ContactsPanel'
import { InvestigationPanel } from './InvestigationPanel'
import { CaseCard } from './CaseCard'
import { DischargePanel } from './DischargePanel'
import { CaseClocks } from './CaseClocks'

/** One case: details and classification history, re-classification, discharge; investigation; contacts. */
export default function CaseDetailPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const kase = useCase(id)
  const canWrite = useCan('case:write')

  if (kase.isPending) return <PageLoading />
  if (kase.isError) return <ErrorAlert error={kase.error} />
  const c = kase.data
  const details = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <CaseCard c={c} canWrite={canWrite} />
      <CaseClocks c={c} canWrite={canWrite} />
      <DischargePanel c={c} canWrite={canWrite} />
      {c.outcome === 'discharged' || c.outcome === 'released' ? <CaseFollowups caseId={c.id} /> : null}
    </Space>
  )
  const tabs = [
    { key: 'details', label: t('cases.tabs.details'), children: details },
    ...(canWrite
      ? [
          {
            key: 'investigation',
            label: <span data-testid="case-tab-investigation">{t('cases.tabs.investigation')}</span>,
            children: <InvestigationPanel caseId={c.id} />,
          },
        ]
      : []),
    {
      key: 'contacts',
      label: <span data-testid="case-tab-contacts">{t('cases.tabs.contacts')}</span>,
      children: <ContactsPanel caseId={c.id} />,
    },
  ]
  return (
    <div data-testid="case-detail">
      <Tabs
        items={tabs}
        destroyOnHidden
        tabBarExtraContent={
          <Link to={`/chains?caseId=${c.id}`} data-testid="case-chain-link">
            {t('cases.chain')}
          </Link>
        }
      />
    </div>
  )
}
