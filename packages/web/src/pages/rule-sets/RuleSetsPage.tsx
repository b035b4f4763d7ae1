import { useEffect, useState } from 'react'
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { DryRunResult, RuleSetRecord } from '@lianfang/contracts'
import { api } from '../../api/client'
import {
  invalidateCodes,
  queryKeys,
  useRuleSetInForce,
  useRuleSetPresets,
  useRuleSets,
} from '../../api/queries'
import type { RuleSetParams } from '../../api/types'
import { ColourTag } from '../../components/colour'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { currentLanguage } from '../../i18n'
import { useCurrentUser } from '../../layout/Guards'
import { ParamsEditor } from './ParamsEditor'

type Status = RuleSetRecord['status']
const STATUS_COLOUR: Readonly<Record<Status, string>> = {
  preset: 'purple',
  draft: 'gold',
  published: 'green',
  superseded: 'default',
}

function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation()
  return <Tag color={STATUS_COLOUR[status]}>{t(`ruleSets.status.${status}`)}</Tag>
}

interface NewDraftForm {
  name: string
  edition: RuleSetRecord['edition']
}

/** Creates a draft for the region from a preset (or from the given parameters, when copying). */
function NewDraftButton({
  regionCode,
  copyOf,
  onCreated,
}: {
  regionCode: string
  copyOf?: RuleSetRecord
  onCreated: (rs: RuleSetRecord) => void
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<NewDraftForm>()
  const presets = useRuleSetPresets()
  const queryClient = useQueryClient()
  const create = useMutation({
    mutationFn: (v: NewDraftForm) =>
      api.createRuleSet({
        regionCode,
        name: v.name.trim(),
        edition: v.edition,
        ...(copyOf === undefined ? {} : { params: copyOf.params }),
      }),
    onSuccess: async (rs) => {
      setOpen(false)
      form.resetFields()
      await queryClient.invalidateQueries({ queryKey: queryKeys.ruleSetsAll })
      onCreated(rs)
    },
  })
  const testId = copyOf === undefined ? 'rule-set-new' : 'rule-set-copy'
  return (
    <>
      <Button
        type={copyOf === undefined ? 'primary' : 'default'}
        onClick={() => {
          setOpen(true)
        }}
        data-testid={testId}
      >
        {copyOf === undefined ? t('ruleSets.newDraft') : t('ruleSets.copyAsDraft')}
      </Button>
      <Modal
        open={open}
        title={copyOf === undefined ? t('ruleSets.newDraft') : t('ruleSets.copyAsDraft')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        onOk={() => {
          form.submit()
        }}
        onCancel={() => {
          setOpen(false)
          create.reset()
        }}
        okButtonProps={{ 'data-testid': `${testId}-ok` }}
        destroyOnHidden
      >
        {create.isError && <ErrorAlert error={create.error} />}
        <Form<NewDraftForm>
          form={form}
          layout="vertical"
          initialValues={{
            edition: copyOf?.edition ?? 'FK8',
            name: copyOf === undefined ? '' : `${copyOf.name} (${t('ruleSets.copySuffix')})`,
          }}
          onFinish={(v) => {
            create.mutate(v)
          }}
        >
          <Form.Item label={t('ruleSets.region')}>
            <Typography.Text code>{regionCode}</Typography.Text>
          </Form.Item>
          <Form.Item
            name="name"
            label={t('ruleSets.name')}
            rules={[{ required: true, whitespace: true, max: 100, message: t('ruleSets.nameRequired') }]}
          >
            <Input maxLength={100} data-testid="rule-set-name" />
          </Form.Item>
          <Form.Item
            name="edition"
            label={t('ruleSets.edition')}
            extra={copyOf === undefined ? t('ruleSets.editionHelp') : t('ruleSets.copyHelp')}
          >
            <Select
              loading={presets.isPending}
              options={(presets.data ?? [{ edition: 'FK8' as const, name: 'FK8' }]).map((p) => ({
                value: p.edition,
                label: `${p.edition} · ${p.name}`,
              }))}
              data-testid="rule-set-edition"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}

function DryRunView({ result }: { result: DryRunResult }) {
  const { t } = useTranslation()
  const persons: TableProps<DryRunResult['persons'][number]>['columns'] = [
    {
      title: t('person.name'),
      key: 'name',
      render: (_: unknown, p) => <Link to={`/persons/${p.personId}`}>{p.name}</Link>,
    },
    { title: t('person.region'), dataIndex: 'regionCode', key: 'region' },
    {
      title: t('ruleSets.change'),
      key: 'change',
      render: (_: unknown, p) => (
        <Space size={4}>
          <ColourTag colour={p.from} />→<ColourTag colour={p.to} />
        </Space>
      ),
    },
  ]
  return (
    <Card size="small" title={t('ruleSets.dryRunTitle')} data-testid="rule-set-dry-run-result">
      <Flex gap={32} wrap style={{ marginBottom: 16 }}>
        <Statistic title={t('ruleSets.evaluated')} value={result.evaluated} />
        <Statistic title={t('ruleSets.changed')} value={result.changed} data-testid="dry-run-changed" />
      </Flex>
      {result.transitions.length > 0 && (
        <Space wrap style={{ marginBottom: 16 }}>
          {result.transitions.map((tr) => (
            <Tag key={`${tr.from}-${tr.to}`} style={{ padding: '4px 8px' }}>
              <Space size={4}>
                <ColourTag colour={tr.from} />→<ColourTag colour={tr.to} />
                <strong>{tr.count}</strong>
              </Space>
            </Tag>
          ))}
        </Space>
      )}
      {result.persons.length > 0 && (
        <Table
          rowKey="personId"
          size="small"
          columns={persons}
          dataSource={result.persons}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          data-testid="dry-run-persons"
        />
      )}
      {result.persons.length < result.changed && (
        <Typography.Text type="secondary">
          {t('ruleSets.personsTruncated', { shown: result.persons.length })}
        </Typography.Text>
      )}
    </Card>
  )
}

/** One rule set: its parameters (editable while a draft), dry run and publication. */
function RuleSetEditor({
  ruleSet,
  onCopied,
}: {
  ruleSet: RuleSetRecord
  onCopied: (rs: RuleSetRecord) => void
}) {
  const { t } = useTranslation()
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
      return api.updateRuleSet(ruleSet.id, { name: name.trim(), params })
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
      return api.dryRunRuleSet(ruleSet.id)
    },
  })
  const publish = useMutation({
    mutationFn: () => api.publishRuleSet(ruleSet.id),
    onSuccess: async () => {
      void message.success(t('ruleSets.published'))
      await queryClient.invalidateQueries({ queryKey: queryKeys.ruleSetsAll })
      await invalidateCodes(queryClient)
    },
  })
  const confirmPublish = () => {
    modal.confirm({
      title: t('ruleSets.publishConfirmTitle'),
      content: t('ruleSets.publishConfirmBody', { name: ruleSet.name, region: ruleSet.regionCode ?? '' }),
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
            ruleSet.name
          )}
          <StatusTag status={ruleSet.status} />
          <Tag>{ruleSet.edition}</Tag>
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
        <Descriptions.Item label={t('ruleSets.region')}>{ruleSet.regionCode ?? '—'}</Descriptions.Item>
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

/** Rule sets of a region: the one in force, drafts and earlier versions; edit, dry-run, publish. */
export default function RuleSetsPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const me = useCurrentUser()
  const [params, setParams] = useSearchParams()
  const regionCode = params.get('region') ?? me.regionCode
  const selectedId = params.get('id') ?? undefined
  const list = useRuleSets(regionCode)
  const inForce = useRuleSetInForce(regionCode)
  const presets = useRuleSetPresets()

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k)
      else next.set(k, v)
    }
    setParams(next)
  }
  const select = (rs: RuleSetRecord) => {
    update({ id: rs.id })
  }

  const all = [...(list.data ?? []), ...(presets.data ?? [])]
  const selected = all.find((rs) => rs.id === selectedId)

  const columns: TableProps<RuleSetRecord>['columns'] = [
    {
      title: t('ruleSets.name'),
      key: 'name',
      render: (_: unknown, rs: RuleSetRecord) => (
        <Space>
          <Button
            type="link"
            style={{ padding: 0 }}
            onClick={() => {
              select(rs)
            }}
            data-testid={`rule-set-open-${rs.id}`}
          >
            {rs.name}
          </Button>
          {inForce.data?.id === rs.id && <Tag color="blue">{t('ruleSets.inForce')}</Tag>}
        </Space>
      ),
    },
    { title: t('ruleSets.region'), key: 'region', render: (_: unknown, rs) => rs.regionCode ?? '—' },
    { title: t('ruleSets.edition'), dataIndex: 'edition', key: 'edition' },
    { title: t('ruleSets.version'), dataIndex: 'version', key: 'version' },
    {
      title: t('ruleSets.statusLabel'),
      key: 'status',
      render: (_: unknown, rs) => <StatusTag status={rs.status} />,
    },
    {
      title: t('ruleSets.publishedAt'),
      key: 'publishedAt',
      render: (_: unknown, rs) => (rs.publishedAt === null ? '—' : formatDateTime(rs.publishedAt, lang)),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('ruleSets.title')}
        extra={<NewDraftButton regionCode={regionCode} onCreated={select} />}
        data-testid="rule-sets"
      >
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <RegionTreeSelect
            value={regionCode}
            onChange={(code) => {
              update({ region: code, id: undefined })
            }}
            placeholder={t('ruleSets.region')}
            testId="rule-sets-region"
            style={{ flex: '1 1 220px', maxWidth: 320 }}
          />
          {inForce.data !== undefined && (
            <Typography.Text data-testid="rule-set-in-force">
              {t('ruleSets.inForceIs')}{' '}
              <Button
                type="link"
                style={{ padding: 0 }}
                onClick={() => {
                  if (inForce.data !== undefined) select(inForce.data)
                }}
              >
                {inForce.data.name}
              </Button>{' '}
              <Tag>{inForce.data.edition}</Tag>
              <StatusTag status={inForce.data.status} />
            </Typography.Text>
          )}
        </Flex>
        {list.isError && <ErrorAlert error={list.error} />}
        {inForce.isError && <ErrorAlert error={inForce.error} />}
        <Table<RuleSetRecord>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={all}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(rs) => (rs.id === selectedId ? 'ant-table-row-selected' : '')}
          data-testid="rule-sets-table"
        />
      </Card>
      {selected !== undefined && <RuleSetEditor key={selected.id} ruleSet={selected} onCopied={select} />}
    </Space>
  )
}
