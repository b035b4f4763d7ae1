import { useState } from 'react'
import { Alert, Button, Card, Input, Space } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { HealthCodeRoutes, SignedResultRoutes, type FactCreated } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/ErrorAlert'
import { translateDynamic } from '../../i18n'

/** The stage a refused result failed at (`RESULT_INVALID`'s `details.stage`), if any. */
function stageOf(error: unknown): string | undefined {
  if (!isApiError(error) || error.code !== 'RESULT_INVALID') return undefined
  const d = error.details
  return typeof d === 'object' && d !== null && 'stage' in d && typeof d.stage === 'string'
    ? d.stage
    : undefined
}

/**
 * 添加外地核酸结果: the citizen pastes (or scans into the field) another region's LR1 text; the
 * node verifies it and counts it for their health code. The field starts empty.
 */
export function ImportResultCard() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [qr, setQr] = useState('')
  const [added, setAdded] = useState<FactCreated | undefined>()
  const add = useMutation({
    mutationFn: (text: string) => call(SignedResultRoutes.importMine, { body: { qr: text } }),
    onSuccess: async (created) => {
      setAdded(created)
      setQr('')
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeyOf(SignedResultRoutes.mine) }),
        queryClient.invalidateQueries({ queryKey: queryKeyOf(HealthCodeRoutes.myStatus) }),
      ])
    },
  })
  const text = qr.trim()
  const stage = stageOf(add.error)
  return (
    <Card title={t('natResults.import.title')} data-testid="import-result">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('natResults.import.explain')} />
        <Input.TextArea
          aria-label={t('natResults.import.label')}
          data-testid="import-result-qr"
          value={qr}
          maxLength={4096}
          autoSize={{ minRows: 3, maxRows: 6 }}
          placeholder={t('natResults.import.placeholder')}
          onChange={(e) => {
            setQr(e.target.value)
            setAdded(undefined)
          }}
        />
        <Button
          type="primary"
          data-testid="import-result-submit"
          disabled={!text}
          loading={add.isPending}
          onClick={() => {
            add.mutate(text)
          }}
        >
          {t('natResults.import.submit')}
        </Button>
        {add.isError && <ErrorAlert error={add.error} />}
        {stage !== undefined && (
          <Alert
            type="error"
            data-testid="import-result-stage"
            title={t('natResults.import.stage', { stage: translateDynamic(t, `natResults.stages.${stage}`) })}
          />
        )}
        {added && (
          <Alert
            type="success"
            showIcon
            data-testid="import-result-done"
            title={t('natResults.import.done', { colour: translateDynamic(t, `colour.${added.colour}`) })}
          />
        )}
      </Space>
    </Card>
  )
}
