import { Form, Input } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { PersonRoutes, type PersonDetail } from '@lianfang/contracts'
import { queryKeys } from '../../api/queries'
import { MutationButton } from '../../components/list-kit'
import { call } from '../../api/call'

interface VerifyForm {
  phone: string
  reason: string
}

/**
 * The staff-verified step of citizen registration: after checking the person's identity
 * document, set the phone they control. A citizen account binds to a person only from the
 * phone on record, so this is how someone registered without a phone (or with a number not
 * theirs) gets their account. The server audits it with the reason.
 */
export function VerifyPhoneButton({ person }: { person: PersonDetail }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  return (
    <MutationButton<VerifyForm, PersonDetail>
      buttonText={t('verifyPhone.button')}
      buttonTestId="verify-phone-button"
      testId="verify-phone"
      title={t('verifyPhone.title')}
      explain={t('verifyPhone.explain')}
      okText={t('verifyPhone.confirm')}
      reason={{
        label: t('verifyPhone.reason'),
        requiredMessage: t('verifyPhone.reasonRequired'),
        lengthMessage: t('verifyPhone.reasonLength'),
      }}
      mutationFn={(v) =>
        call(PersonRoutes.verifyPhone, {
          params: { id: person.id },
          body: { version: person.version, phone: v.phone.trim(), reason: v.reason.trim() },
        })
      }
      onSuccess={(updated) => {
        queryClient.setQueryData(queryKeys.person(person.id), updated)
      }}
    >
      <Form.Item
        name="phone"
        label={t('verifyPhone.phone')}
        rules={[
          { required: true, message: t('verifyPhone.phoneRequired') },
          { pattern: /^\+?\d{5,20}$/, message: t('register.phoneInvalid') },
        ]}
      >
        <Input inputMode="tel" maxLength={21} data-testid="verify-phone-phone" />
      </Form.Item>
    </MutationButton>
  )
}
