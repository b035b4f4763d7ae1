import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { PersonRoutes, type Household, type PersonDetail } from '@lianfang/contracts'
import { call } from '../../api/call'
import { queryKeys } from '../../api/queries'
import { MutationButton } from '../../components/list-kit'
import { PersonFields } from './PersonFields'
import { toCreateBody, type PersonFormValues } from './person-form'

/**
 * 新建人员: registers a person (the form starts empty), then opens the new record. From a
 * household's page (`household`) the person joins that household, whose region is the default.
 */
export function NewPersonButton({ household }: { household?: Household }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const body = (v: PersonFormValues) =>
    household === undefined
      ? toCreateBody(v)
      : { ...toCreateBody({ ...v, household: 'none' }), householdId: household.id }
  return (
    <MutationButton<PersonFormValues, PersonDetail>
      buttonText={household ? t('household.addMember') : t('personForm.createButton')}
      buttonProps={{ type: household ? 'default' : 'primary', size: 'middle' }}
      buttonTestId="person-create"
      testId="person-create"
      title={household ? t('household.addMember') : t('personForm.createTitle')}
      {...(household ? { explain: t('household.addMemberExplain', { address: household.address }) } : {})}
      {...(household ? { initialValues: { regionCode: household.regionCode } } : {})}
      okText={t('personForm.createOk')}
      mutationFn={(v) => call(PersonRoutes.create, { body: body(v) })}
      onSuccess={(created) => {
        queryClient.setQueryData(queryKeys.person(created.id), created)
        void queryClient.invalidateQueries({ queryKey: ['persons'] })
        void queryClient.invalidateQueries({ queryKey: ['households'] })
        void navigate(`/persons/${created.id}`)
      }}
    >
      <PersonFields withoutHousehold={household !== undefined} />
    </MutationButton>
  )
}
