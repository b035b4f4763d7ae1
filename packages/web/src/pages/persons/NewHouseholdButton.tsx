import { Form, Input } from 'antd'
import { useNavigate } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { PersonRoutes, type Household } from '@lianfang/contracts'
import { call } from '../../api/call'
import { MutationButton } from '../../components/list-kit'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'

interface HouseholdForm {
  regionCode?: string
  address?: string
}

/** 新建家庭户: a household at an address in a region chosen by name; then its page, to add members. */
export function NewHouseholdButton() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <MutationButton<HouseholdForm, Household>
      buttonText={t('household.createButton')}
      buttonProps={{ size: 'middle' }}
      buttonTestId="household-create"
      testId="household-create"
      title={t('household.createTitle')}
      okText={t('household.createOk')}
      mutationFn={(v) =>
        call(PersonRoutes.createHousehold, {
          body: { regionCode: v.regionCode ?? '', address: (v.address ?? '').trim() },
        })
      }
      onSuccess={(h) => {
        void navigate(`/households/${h.id}`)
      }}
    >
      <Form.Item
        name="regionCode"
        label={t('person.region')}
        rules={[{ required: true, message: t('personForm.regionRequired') }]}
      >
        <RegionTreeSelect placeholder={t('personForm.regionPlaceholder')} testId="household-form-region" />
      </Form.Item>
      <Form.Item
        name="address"
        label={t('household.address')}
        rules={[
          { required: true, whitespace: true, message: t('personForm.householdAddressRequired') },
          { max: 200, message: t('personForm.tooLong', { max: 200 }) },
        ]}
      >
        <Input maxLength={200} data-testid="household-form-address" />
      </Form.Item>
    </MutationButton>
  )
}
