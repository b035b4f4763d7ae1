import { App, Button, Card, Popconfirm, Space } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ChainRoutes, type ChainEdge } from '@lianfang/contracts'
import { call } from '../../api/call'
import { ErrorAlert } from '../../components/ErrorAlert'

/** The infection link clicked in the graph, with its deletion (behind a confirmation). */
export function SelectedLink({ edge, onDone }: { edge: ChainEdge; onDone: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const remove = useMutation({
    mutationFn: (id: string) => call(ChainRoutes.unlink, { params: { id } }),
    onSuccess: async () => {
      void message.success(t('chains.deleted'))
      await queryClient.invalidateQueries({ queryKey: ['chains'] })
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
