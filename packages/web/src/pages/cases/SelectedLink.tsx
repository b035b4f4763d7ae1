import { App, Button, Card, Popconfirm, Space } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ChainEdge } from '../../api/case-types'
import { tracingApi, tracingKeys } from '../../api/cases-tracing'
import { ErrorAlert } from '../../components/ErrorAlert'

/** The infection link clicked in the graph, with its deletion (behind a confirmation). */
export function SelectedLink({ edge, onDone }: { edge: ChainEdge; onDone: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const remove = useMutation({
    mutationFn: (id: string) => tracingApi.deleteLink(id),
    onSuccess: async () => {
      void message.success(t('chains.deleted'))
      await queryClient.invalidateQueries({ queryKey: tracingKeys.chainsAll })
      onDone()
    },
  })
  const caseOf = (id: string) => id.replace(/^case:/, '')
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="chains-selected-link">
      {remove.isError && <ErrorAlert error={remove.error} />}
      <Space wrap>
        <span>
          {t('chains.selectedEdge', {
            from: caseOf(edge.from),
            to: caseOf(edge.to),
            confidence: t(`chains.confidences.${edge.confidence}`),
          })}
        </span>
        <Popconfirm
          title={t('chains.deleteConfirm')}
          onConfirm={() => {
            if (edge.linkId !== null) remove.mutate(edge.linkId)
          }}
        >
          <Button danger size="small" loading={remove.isPending} data-testid="chains-delete-link">
            {t('chains.deleteLink')}
          </Button>
        </Popconfirm>
      </Space>
    </Card>
  )
}
