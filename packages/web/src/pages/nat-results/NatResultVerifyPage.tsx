import { useState } from 'react'
import { Alert, Button, Card, Empty, Input, Space } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { SignedResultRoutes, type NatResultVerification } from '@lianfang/contracts'
import { call } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { NatResultCard } from './NatResultCard'

/**
 * 核酸结果核验: a checkpoint or officer scans or pastes an `LR1:` result code; the node checks it
 * against the trust list as an offline verifier would and shows it green or red.
 */
export default function NatResultVerifyPage() {
  const { t } = useTranslation()
  const [qr, setQr] = useState('')
  const [result, setResult] = useState<NatResultVerification | undefined>()
  const verify = useMutation({
    mutationFn: (text: string) => call(SignedResultRoutes.verify, { body: { qr: text } }),
    onSuccess: setResult,
  })
  const text = qr.trim()
  const submit = () => {
    if (text) verify.mutate(text)
  }
  return (
    <Card title={t('natResults.verify.title')} data-testid="nat-result-verify-page">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('natResults.verify.explain')} />
        <Input.TextArea
          aria-label={t('natResults.verify.label')}
          data-testid="nat-result-qr"
          value={qr}
          maxLength={4096}
          autoSize={{ minRows: 3, maxRows: 8 }}
          placeholder={t('natResults.verify.placeholder')}
          autoFocus
          onChange={(e) => {
            setQr(e.target.value)
          }}
          onPressEnter={(e) => {
            // A scanner ends with Enter: verify at once (Shift+Enter still breaks a line).
            if (!e.shiftKey) {
              e.preventDefault()
              submit()
            }
          }}
        />
        <Space>
          <Button
            type="primary"
            data-testid="nat-result-verify"
            disabled={!text}
            loading={verify.isPending}
            onClick={submit}
          >
            {t('natResults.verify.submit')}
          </Button>
          <Button
            data-testid="nat-result-clear"
            onClick={() => {
              setQr('')
              setResult(undefined)
              verify.reset()
            }}
          >
            {t('natResults.verify.clear')}
          </Button>
        </Space>
        {verify.isError && <ErrorAlert error={verify.error} />}
        {result ? (
          <NatResultCard result={result} />
        ) : (
          <Empty data-testid="nat-result-empty" description={t('natResults.verify.empty')} />
        )}
      </Space>
    </Card>
  )
}
