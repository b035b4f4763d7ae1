import { useState } from 'react'
import { Alert, App, Button, Card, Space, Table, Upload } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ImportRoutes, type ImportResult } from '@lianfang/contracts'
import { call } from '../../api/call'
import { fileToBase64 } from '../../api/imports'
import { ErrorAlert } from '../../components/ErrorAlert'
import { issueText } from '../imports/ImportPage'

const KIND = { kind: 'lab-results' }

/**
 * The instrument's results file (CSV or .xlsx): preview with every row's problem, then confirm
 * (asked first); the good rows are written, the others listed.
 */
export function LabImportCard() {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const [result, setResult] = useState<ImportResult | undefined>()
  const preview = useMutation({
    mutationFn: async (f: File) =>
      call(ImportRoutes.preview, {
        params: KIND,
        body: { filename: f.name.slice(0, 255) || 'results.csv', contentBase64: await fileToBase64(f) },
      }),
    onMutate: () => {
      setResult(undefined)
    },
  })
  const confirm = useMutation({
    mutationFn: (previewId: string) => call(ImportRoutes.confirm, { params: { previewId } }),
    onSuccess: setResult,
  })
  const p = preview.data
  return (
    <Card title={t('tubes.lab.importTitle')} data-testid="lab-import">
      <Alert type="info" showIcon title={t('tubes.lab.importExplain')} style={{ marginBottom: 12 }} />
      <Upload
        accept=".csv,.xlsx"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          preview.mutate(f)
          return false
        }}
      >
        <Button data-testid="lab-import-file" loading={preview.isPending}>
          {t('tubes.lab.chooseFile')}
        </Button>
      </Upload>
      {preview.isError && <ErrorAlert error={preview.error} />}
      {p && !result && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Alert
            data-testid="lab-import-preview"
            type={p.issueCount > 0 ? 'warning' : 'success'}
            title={t('tubes.lab.previewSummary', {
              valid: String(p.validCount),
              issues: String(p.issueCount),
            })}
          />
          {p.issues.length > 0 && (
            <Table
              size="small"
              rowKey={(i) => `${String(i.row)}-${i.column ?? ''}-${i.code}`}
              dataSource={p.issues}
              pagination={false}
              data-testid="lab-import-issues"
              columns={[
                { title: t('tubes.lab.row'), dataIndex: 'row' },
                { title: t('tubes.lab.column'), dataIndex: 'column' },
                { title: t('tubes.lab.problem'), render: (_, i) => issueText(t, i) },
              ]}
            />
          )}
          <Button
            type="primary"
            data-testid="lab-import-confirm"
            disabled={p.validCount === 0}
            loading={confirm.isPending}
            onClick={() =>
              void modal.confirm({
                title: t('tubes.lab.confirmTitle'),
                content: t('tubes.lab.confirmText', { n: String(p.validCount) }),
                okText: t('tubes.lab.confirmOk'),
                cancelText: t('common.cancel'),
                onOk: () => {
                  confirm.mutate(p.previewId)
                },
              })
            }
          >
            {t('tubes.lab.confirmOk')}
          </Button>
        </Space>
      )}
      {confirm.isError && <ErrorAlert error={confirm.error} />}
      {result && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="lab-import-done"
          title={t('tubes.lab.imported', { n: String(result.inserted), skipped: String(result.skipped) })}
        />
      )}
    </Card>
  )
}
