import { useState } from 'react'
import { Alert, App, Button, Card, Form, Space, Table, Typography, Upload, type TableProps } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import {
  IMPORT_MAX_BYTES,
  type ImportPreview,
  type ImportResult,
  type ImportRowIssue,
} from '@lianfang/contracts'
import { fileToBase64, importsApi } from '../../api/imports'
import { isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { currentLanguage } from '../../i18n'

const KIND = /^[a-z][a-z0-9-]{0,63}$/

/** The text of a key built at run time (a row code, a field), or undefined when there is none. */
function dynamic(t: TFunction, key: string, vars: Record<string, string> = {}): string | undefined {
  const untyped = t as unknown as (k: string, o: Record<string, string>) => string
  const text = untyped(key, { ...vars, defaultValue: '' })
  return text === '' ? undefined : text
}

const fieldLabel = (t: TFunction, field: string) => dynamic(t, `imports.fields.${field}`) ?? field

/** A row problem in the user's language; the detail of `duplicateInFile` is the earlier row. */
export function issueText(t: TFunction, issue: ImportRowIssue): string {
  return (
    dynamic(t, `imports.issue.${issue.code}`, { detail: issue.detail ?? '' }) ??
    (issue.detail === null ? issue.code : `${issue.code} (${issue.detail})`)
  )
}

/** A file-level refusal in the user's language, or undefined when ErrorAlert says it best. */
export function fileErrorText(t: TFunction, error: unknown): string | undefined {
  if (!isApiError(error)) return undefined
  const details = (error.details ?? {}) as {
    encoding?: string
    format?: string
    missingFields?: string[]
    columns?: string[]
    maxRows?: number
    maxBytes?: number
  }
  const field = (f: string) => fieldLabel(t, f)
  if (error.code === 'UNSUPPORTED_MEDIA_TYPE') {
    if (details.encoding === 'utf-16') return t('imports.fileError.utf16')
    if (details.encoding === 'not-utf-8') return t('imports.fileError.notUtf8')
    if (details.format === 'xls') return t('imports.fileError.xls')
  }
  if (error.code === 'VALIDATION_FAILED' && details.missingFields)
    return t('imports.fileError.missingColumns', { columns: details.missingFields.map(field).join('、') })
  if (error.code === 'VALIDATION_FAILED' && details.columns)
    return t('imports.fileError.duplicateColumn', { columns: details.columns.join('、') })
  if (error.code === 'PAYLOAD_TOO_LARGE' && details.maxRows !== undefined)
    return t('imports.fileError.tooManyRows', { max: details.maxRows })
  if (error.code === 'PAYLOAD_TOO_LARGE')
    return t('imports.fileError.tooLarge', {
      max: Math.floor((details.maxBytes ?? IMPORT_MAX_BYTES) / 1048576),
    })
  return undefined
}

function UploadError({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const text = fileErrorText(t, error)
  return text === undefined ? (
    <ErrorAlert error={error} />
  ) : (
    <Alert type="error" showIcon title={text} data-testid="import-file-error" />
  )
}

function IssuesTable({ issues, total }: { issues: readonly ImportRowIssue[]; total: number }) {
  const { t } = useTranslation()
  const columns: TableProps<ImportRowIssue>['columns'] = [
    { title: t('imports.row'), dataIndex: 'row', key: 'row', width: 80 },
    { title: t('imports.column'), key: 'column', render: (_: unknown, i: ImportRowIssue) => i.column ?? '' },
    {
      title: t('imports.problem'),
      key: 'problem',
      render: (_: unknown, i: ImportRowIssue) => issueText(t, i),
    },
  ]
  return (
    <>
      <Typography.Title level={5}>{t('imports.issuesTitle')}</Typography.Title>
      {total > issues.length && (
        <Typography.Paragraph type="secondary">
          {t('imports.issuesMore', { shown: issues.length, total })}
        </Typography.Paragraph>
      )}
      <Table<ImportRowIssue>
        rowKey={(i) => `${String(i.row)}-${i.code}-${i.column ?? ''}`}
        size="small"
        columns={columns}
        dataSource={[...issues]}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="import-issues"
      />
    </>
  )
}

function SampleTable({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation()
  const fields = [...new Set(preview.sample.flatMap((s) => Object.keys(s.values)))]
  type Sample = ImportPreview['sample'][number]
  const columns: TableProps<Sample>['columns'] = [
    { title: t('imports.row'), dataIndex: 'row', key: 'row', width: 80 },
    ...fields.map((f) => ({
      title: fieldLabel(t, f),
      key: f,
      render: (_: unknown, s: Sample) => String(s.values[f] ?? ''),
    })),
  ]
  return (
    <>
      <Typography.Title level={5}>
        {t('imports.sampleTitle', { count: preview.sample.length })}
      </Typography.Title>
      <Table<Sample>
        rowKey="row"
        size="small"
        columns={columns}
        dataSource={[...preview.sample]}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="import-sample"
      />
    </>
  )
}

/**
 * A spreadsheet import (docs/imports.md): choose a file → the server checks it and answers a
 * preview with every row's problems → confirm (asked first) → the result. Nothing is written
 * before the confirmation.
 */
export default function ImportPage() {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const lang = currentLanguage()
  const kindParam = useParams()['kind'] ?? ''
  const kind = KIND.test(kindParam) ? kindParam : 'persons'
  // A kind's own text (`imports.byKind.<kind>.<key>`), else the roster's.
  const kindText = (key: string, vars: Record<string, string> = {}) =>
    dynamic(t, `imports.byKind.${kind}.${key}`, vars) ?? dynamic(t, `imports.${key}`, vars) ?? key
  const [file, setFile] = useState<File | undefined>()
  const [regionCode, setRegionCode] = useState<string | undefined>()
  const [result, setResult] = useState<ImportResult | undefined>()

  const preview = useMutation({
    mutationFn: async (f: File) =>
      importsApi.preview(kind, {
        filename: f.name.slice(0, 255) || 'upload',
        contentBase64: await fileToBase64(f),
        ...(regionCode ? { regionCode } : {}),
      }),
    onMutate: () => {
      setResult(undefined)
    },
  })
  const confirm = useMutation({
    mutationFn: (previewId: string) => importsApi.confirm(previewId),
    onSuccess: setResult,
  })
  const p = preview.data
  const restart = () => {
    preview.reset()
    confirm.reset()
    setResult(undefined)
    setFile(undefined)
  }

  const askConfirm = (p: ImportPreview) => {
    void modal.confirm({
      title: t('imports.confirmTitle'),
      content: kindText('confirmText', { count: String(p.validCount), skipped: String(p.issueCount) }),
      okText: t('imports.confirmOk'),
      cancelText: t('common.cancel'),
      onOk: () => {
        confirm.mutate(p.previewId)
      },
    })
  }

  return (
    <Card title={dynamic(t, `imports.title.${kind}`) ?? kind} data-testid="import-page">
      <Alert type="info" showIcon title={kindText('explain')} style={{ marginBottom: 16 }} />
      {!p && (
        <Form layout="vertical" style={{ maxWidth: 520 }}>
          <Form.Item label={t('imports.file')} extra={kindText('template')}>
            <Upload
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f)
                return false
              }}
              onRemove={() => {
                setFile(undefined)
              }}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            >
              <Button data-testid="import-file">{t('imports.file')}</Button>
            </Upload>
          </Form.Item>
          <Form.Item label={t('imports.region')} extra={t('imports.regionHint')}>
            <RegionTreeSelect value={regionCode} onChange={setRegionCode} testId="import-region" />
          </Form.Item>
          {preview.isError && <UploadError error={preview.error} />}
          <Button
            type="primary"
            disabled={!file}
            loading={preview.isPending}
            onClick={() => {
              if (file) preview.mutate(file)
            }}
            style={{ marginTop: 16 }}
            data-testid="import-preview"
          >
            {t('imports.preview')}
          </Button>
        </Form>
      )}
      {p && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Alert
            type={p.issueCount > 0 ? 'warning' : 'success'}
            showIcon
            title={t('imports.summary', {
              filename: p.filename,
              rowCount: p.rowCount,
              validCount: p.validCount,
              issueCount: p.issueCount,
            })}
            description={
              <>
                <div>{t('imports.expires', { at: formatDateTime(p.expiresAt, lang) })}</div>
                <Typography.Text type="secondary" copyable={{ text: p.digest }}>
                  {t('imports.digest', { digest: `${p.digest.slice(0, 16)}…` })}
                </Typography.Text>
              </>
            }
            data-testid="import-summary"
          />
          {p.ignoredColumns.length > 0 && (
            <Alert
              type="info"
              showIcon
              title={t('imports.ignored', { columns: p.ignoredColumns.join('、') })}
            />
          )}
          {p.issueCount > 0 && <IssuesTable issues={p.issues} total={p.issueCount} />}
          {p.sample.length > 0 && !result && <SampleTable preview={p} />}
          {confirm.isError && <ErrorAlert error={confirm.error} />}
          {result && (
            <Alert
              type="success"
              showIcon
              title={kindText('done', { inserted: String(result.inserted) })}
              description={
                result.skipped > 0 ? t('imports.doneSkipped', { skipped: result.skipped }) : undefined
              }
              data-testid="import-done"
            />
          )}
          {result && result.issues.length > 0 && (
            <IssuesTable issues={result.issues} total={result.skipped} />
          )}
          {p.validCount === 0 && <Alert type="error" showIcon title={t('imports.nothingValid')} />}
          <Space>
            {!result && p.validCount > 0 && (
              <Button
                type="primary"
                loading={confirm.isPending}
                onClick={() => {
                  askConfirm(p)
                }}
                data-testid="import-confirm"
              >
                {t('imports.confirm', { count: p.validCount })}
              </Button>
            )}
            <Button onClick={restart} data-testid="import-restart">
              {t('imports.restart')}
            </Button>
          </Space>
        </Space>
      )}
    </Card>
  )
}
