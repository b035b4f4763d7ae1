import { useEffect, useState } from 'react'
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Tag } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { RuleSetRoutes, type RuleSetRecord } from '@lianfang/contracts'
import { call } from '../../api/call'
import { invalidateCodes, queryKeys } from '../../api/queries'
import type { RuleSetParams } from '../../api/types'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { ParamsEditor } from './ParamsEditor'
import { DryRunView } from './DryRunView'
import { NewDraftButton } from './NewDraftButton'
import { StatusTag } from './StatusTag'
import { RegionName, useRegionName } from '../../components/RegionName'
import { ruleSetName } from './rule-set-name'

/** One rule set: its parameters (editable while a draft), dry run and publication. */
export function RuleSetEditor({
  ruleSet,
  onCopied,
}: {
  ruleSet: RuleSetRecord
  onCopied: (rs: RuleSetRecord) => void
}) {
  const { t } = useTranslation()
  const regionName = useRegionName(ruleSet.regionCode)
  const lang = currentLanguage()
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<RuleSetParams>()
  const [name, setName] = useState(ruleSet.name)
  const draft = ruleSet.status === 'draft'
  useEffect(() => {
    setName(ruleSet.name)
    form.setFieldsValue(ruleSet.params)
  }, [ruleSet, form])

  const save = useMutation({
    mutationFn: async () => {
      const params = await form.validateFields()
      return call(RuleSetRoutes.update, { params: { id: ruleSet.id }, body: { name: name.trim(), params } })
    },
    onSuccess: async () => {
      void message.success(t('ruleSets.saved'))
      await queryClient.invalidateQueries({ queryKey: queryKeys.ruleSetsAll })
    },
  })
  const dryRun = useMutation({
    // The dry run evaluates the saved parameters: save first so what is seen is what is run.
    mutationFn: async () => {
      if (draft && form.isFieldsTouched()) await save.mutateAsync()
      return call(RuleSetRoutes.dryRun, { params: { id: ruleSet.id } })
    },
  })
  const publish = useMutation({
    mutationFn: () => call(RuleSetRoutes.publish, { params: { id: ruleSet.id } }),
    onSuccess: async () => {
      void message.success(t('ruleSets.published'))
      await queryClient.invalidateQueries({ queryKey: queryKeys.ruleSetsAll })
      await invalidateCodes(queryClient)
    },
  })
  const confirmPublish = () => {
    modal.confirm({
      title: t('ruleSets.publishConfirmTitle'),
      content: t('ruleSets.publishConfirmBody', {
        name: ruleSetName(ruleSet, t),
        region: regionName ?? ruleSet.regionCode ?? '',
      }),
      okText: t('ruleSets.publish'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'rule-set-publish-ok' },
      onOk: () => publish.mutateAsync(),
    })
  }

  return (
    <Card
      title={
        <Space wrap>
          {draft ? (
            <Input
              value={name}
              onChange={(e) => {
                setName(e.target.value)
              }}
              maxLength={100}
              style={{ width: 280 }}
              data-testid="rule-set-edit-name"
            />
          ) : (
            ruleSetName(ruleSet, t)
          )}
          <StatusTag status={ruleSet.status} />
          <Tag>{t(`ruleSets.editions.${ruleSet.edition}`)}</Tag>
        </Space>
      }
      extra={
        <Space wrap>
          {draft && (
            <Button
              loading={save.isPending}
              onClick={() => void save.mutateAsync().catch(() => undefined)}
              data-testid="rule-set-save"
            >
              {t('common.save')}
            </Button>
          )}
          {ruleSet.status !== 'preset' && (
            <Button
              loading={dryRun.isPending}
              onClick={() => {
                dryRun.mutate()
              }}
              data-testid="rule-set-dry-run"
            >
              {t('ruleSets.dryRun')}
            </Button>
          )}
          {draft && (
            <Button
              type="primary"
              danger
              loading={publish.isPending}
              onClick={confirmPublish}
              data-testid="rule-set-publish"
            >
              {t('ruleSets.publish')}
            </Button>
          )}
          {!draft && ruleSet.regionCode !== null && (
            <NewDraftButton regionCode={ruleSet.regionCode} copyOf={ruleSet} onCreated={onCopied} />
          )}
        </Space>
      }
      data-testid="rule-set-editor"
    >
      <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('ruleSets.region')}>
          <RegionName code={ruleSet.regionCode} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ruleSets.version')}>{ruleSet.version}</Descriptions.Item>
        <Descriptions.Item label={t('ruleSets.createdAt')}>
          {ruleSet.createdAt === null ? '—' : formatDateTime(ruleSet.createdAt, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('ruleSets.publishedAt')}>
          {ruleSet.publishedAt === null ? '—' : formatDateTime(ruleSet.publishedAt, lang)}
        </Descriptions.Item>
      </Descriptions>
      {!draft && <Alert type="info" showIcon title={t('ruleSets.readOnly')} style={{ marginBottom: 12 }} />}
      {[save, dryRun, publish].map((m, i) => (m.isError ? <ErrorAlert key={i} error={m.error} /> : null))}
      {dryRun.data !== undefined && (
        <div style={{ marginBottom: 16 }}>
          <DryRunView result={dryRun.data} />
        </div>
      )}
      <ParamsEditor form={form} params={ruleSet.params} disabled={!draft} />
    </Card>
  )
}
