import { DatePicker, Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { PersonDetail } from '@lianfang/contracts'
import { ID_TYPES } from '@lianfang/core'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { HouseholdFields } from './HouseholdFields'
import { UnitFields } from './UnitFields'

const SEXES = ['male', 'female', 'unknown'] as const
const PHONE = /^\+?\d{5,20}$/

/**
 * The fields of the person form. A new person: name, identity document, sex and birth date
 * (asked only for a document other than a resident ID, which carries both), phone, region by
 * name, address, household. An edit (`person`): what the server lets change — the document is
 * fixed, and the phone, shown masked, is replaced only when a new one is typed.
 * Names are the keys of `PersonFormValues` (person-form.ts).
 */
export function PersonFields({
  person,
  withoutHousehold = false,
}: {
  person?: PersonDetail
  /** A new member of a known household: the household is not asked. */
  withoutHousehold?: boolean
}) {
  const { t } = useTranslation()
  const editing = person !== undefined
  const required = (message: string) => ({ required: true, whitespace: true, message })
  return (
    <>
      <Form.Item
        name="name"
        label={t('person.name')}
        rules={[
          required(t('personForm.nameRequired')),
          { max: 100, message: t('personForm.tooLong', { max: 100 }) },
        ]}
      >
        <Input maxLength={100} autoComplete="off" data-testid="person-form-name" />
      </Form.Item>
      {!editing && (
        <>
          <Form.Item
            name="idType"
            label={t('personForm.idType')}
            rules={[{ required: true, message: t('personForm.idTypeRequired') }]}
          >
            <Select
              options={ID_TYPES.map((v) => ({ value: v, label: t(`idType.${v}`) }))}
              data-testid="person-form-id-type"
            />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('person.idNumber')}
            rules={[required(t('personForm.idNumberRequired'))]}
          >
            <Input maxLength={40} autoComplete="off" data-testid="person-form-id-number" />
          </Form.Item>
          <Form.Item noStyle dependencies={['idType']}>
            {({ getFieldValue }) =>
              getFieldValue('idType') === 'resident' || getFieldValue('idType') === undefined ? null : (
                <>
                  <Form.Item name="sex" label={t('person.sex')}>
                    <Select
                      allowClear
                      options={SEXES.map((v) => ({ value: v, label: t(`sex.${v}`) }))}
                      data-testid="person-form-sex"
                    />
                  </Form.Item>
                  <Form.Item name="birthDate" label={t('person.birthDate')}>
                    <DatePicker
                      style={{ width: '100%' }}
                      disabledDate={(d) => d.isAfter(new Date())}
                      data-testid="person-form-birth-date"
                    />
                  </Form.Item>
                </>
              )
            }
          </Form.Item>
        </>
      )}
      <Form.Item
        name="phone"
        label={t('person.phone')}
        {...(editing ? { extra: t('personForm.phoneKeep', { masked: person.phoneMasked ?? '—' }) } : {})}
        rules={[{ pattern: PHONE, message: t('personForm.phoneInvalid') }]}
      >
        <Input inputMode="tel" maxLength={21} autoComplete="off" data-testid="person-form-phone" />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label={t('person.region')}
        {...(editing ? { extra: t('personForm.regionNow', { name: person.regionName }) } : {})}
        rules={[{ required: true, message: t('personForm.regionRequired') }]}
      >
        <RegionTreeSelect placeholder={t('personForm.regionPlaceholder')} testId="person-form-region" />
      </Form.Item>
      <Form.Item
        name="address"
        label={t('person.address')}
        rules={[{ max: 200, message: t('personForm.tooLong', { max: 200 }) }]}
      >
        <Input maxLength={200} data-testid="person-form-address" />
      </Form.Item>
      {!withoutHousehold && <HouseholdFields current={person?.household ?? null} />}
      <UnitFields {...(person === undefined ? {} : { person })} />
    </>
  )
}
