import { useState } from 'react'
import { Alert, Button, Card, Empty, Input, Space } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { DccRoutes, MAX_DCC_QR_LENGTH, type DccVerifyResult } from '@lianfang/contracts'
import { call } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useCan } from '../../layout/Guards'
import { DccResultCard } from './DccResultCard'
import { DccSigners } from './DccSigners'

/**
 * 欧盟数字新冠证书核验: the officer scans or pastes the `HC1:` text and gets a green or red card;
 * the node's operators (`node:keys`) also see and change the trust list of signer certificates.
 */
export default function DccPage() {
  const { t } = useTranslation()
  const [qr, setQr] = useState('')
  const [result, setResult] = useState<DccVerifyResult | undefined>()
  const manageSigners = useCan('node:keys')
  const verify = useMutation({
    mutationFn: (text: string) => call(DccRoutes.verify, { body: { qr: text } }),
    onSuccess: setResult,
  })
  const text = qr.trim()
  const submit = () => {
    if (text) verify.mutate(text)
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('dcc.title')} data-testid="dcc-page">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon title={t('dcc.explain')} />
          <Input.TextArea
            aria-label={t('dcc.qrLabel')}
            data-testid="dcc-qr"
            value={qr}
            maxLength={MAX_DCC_QR_LENGTH}
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={t('dcc.qrPlaceholder')}
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
              data-testid="dcc-verify"
              disabled={!text}
              loading={verify.isPending}
              onClick={submit}
            >
              {t('dcc.verify')}
            </Button>
            <Button
              data-testid="dcc-clear"
              onClick={() => {
                setQr('')
                setResult(undefined)
                verify.reset()
              }}
            >
              {t('dcc.clear')}
            </Button>
          </Space>
          {verify.isError && <ErrorAlert error={verify.error} />}
          {result ? (
            <DccResultCard result={result} />
          ) : (
            <Empty data-testid="dcc-empty" description={t('dcc.empty')} />
          )}
        </Space>
      </Card>
      {manageSigners && <DccSigners />}
    </Space>
  )
}
