import { Button, Card, Input, Space } from 'antd'
import { useTranslation } from 'react-i18next'

/** A code typed or pasted (a scanner gun, a screenshot's text), verified on Enter or the button. */
export function PasteCodeCard({
  text,
  onText,
  onVerify,
  verifying,
  usable,
}: {
  text: string
  onText: (text: string) => void
  onVerify: () => void
  verifying: boolean
  usable: boolean
}) {
  const { t } = useTranslation()
  return (
    <Card size="small" title={t('checkpoint.pasteLabel')}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={text}
          onChange={(e) => {
            onText(e.target.value)
          }}
          onPressEnter={onVerify}
          placeholder="LF1:…"
          size="large"
          autoComplete="off"
          spellCheck={false}
          aria-label={t('checkpoint.pasteLabel')}
          data-testid="code-input"
        />
        <Button
          type="primary"
          size="large"
          onClick={onVerify}
          loading={verifying}
          disabled={!usable || text.trim() === ''}
          data-testid="code-verify"
        >
          {t('checkpoint.verify')}
        </Button>
      </Space.Compact>
    </Card>
  )
}
