import { Form, Input, Radio } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Household } from '@lianfang/contracts'
import { PersonPicker } from '../../components/PersonPicker'
import type { HouseholdChoice } from './person-form'

/**
 * The household part of the person form: keep the current one (edit), join the household of a
 * registered person, register a new one at an address (in the person's region, in the same
 * request), or none. Nothing is chosen on a new person: no household unless one is picked.
 */
export function HouseholdFields({ current }: { current?: Household | null }) {
  const { t } = useTranslation()
  const choices: HouseholdChoice[] =
    current === undefined || current === null ? ['existing', 'new'] : ['keep', 'existing', 'new', 'none']
  return (
    <>
      <Form.Item name="household" label={t('personForm.household')}>
        <Radio.Group data-testid="person-form-household">
          {choices.map((c) => (
            <Radio key={c} value={c} data-testid={`person-form-household-${c}`}>
              {c === 'keep' && current
                ? t('personForm.householdKeep', { address: current.address })
                : t(`personForm.householdChoice.${c}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item noStyle dependencies={['household']}>
        {({ getFieldValue }) => {
          const choice = getFieldValue('household') as HouseholdChoice | undefined
          if (choice === 'existing') {
            return (
              <Form.Item
                name="householdId"
                label={t('personForm.householdMember')}
                extra={t('personForm.householdMemberHint')}
                rules={[{ required: true, message: t('personForm.householdMemberRequired') }]}
              >
                <PersonPicker household testId="person-form-household-id" />
              </Form.Item>
            )
          }
          if (choice === 'new') {
            return (
              <Form.Item
                name="householdAddress"
                label={t('household.address')}
                extra={t('personForm.householdNewHint')}
                rules={[
                  { required: true, whitespace: true, message: t('personForm.householdAddressRequired') },
                  { max: 200, message: t('personForm.tooLong', { max: 200 }) },
                ]}
              >
                <Input maxLength={200} data-testid="person-form-household-address" />
              </Form.Item>
            )
          }
          return null
        }}
      </Form.Item>
    </>
  )
}
