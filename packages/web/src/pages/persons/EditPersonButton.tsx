import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { PersonRoutes, type PersonDetail } from '@lianfang/contracts'
import { call } from '../../api/call'
import { queryKeys } from '../../api/queries'
import { MutationButton } from '../../components/list-kit'
import { PersonFields } from './PersonFields'
import { changesSomething, editValuesOf, toUpdateBody, type PersonFormValues } from './person-form'

/**
 * 编辑: changes a person, the form filled with the record as read. Only the changed fields are
 * sent, with the version read; someone else's change meanwhile is refused (STALE_VERSION) and
 * shown, and nothing is overwritten.
 */
export function EditPersonButton({ person }: { person: PersonDetail }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  return (
    <MutationButton<PersonFormValues, PersonDetail | null>
      buttonText={t('personForm.editButton')}
      buttonTestId="person-edit"
      testId="person-edit"
      title={t('personForm.editTitle', { name: person.name })}
      okText={t('common.save')}
      initialValues={editValuesOf(person)}
      mutationFn={async (v) => {
        const body = toUpdateBody(person, v)
        if (!changesSomething(body)) return null
        return call(PersonRoutes.update, { params: { id: person.id }, body })
      }}
      onSuccess={(updated) => {
        if (updated === null) return
        queryClient.setQueryData(queryKeys.person(person.id), updated)
        void queryClient.invalidateQueries({ queryKey: ['persons'] })
        void queryClient.invalidateQueries({ queryKey: ['households'] })
      }}
    >
      <PersonFields person={person} />
    </MutationButton>
  )
}
