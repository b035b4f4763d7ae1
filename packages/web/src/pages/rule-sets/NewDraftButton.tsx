import { useState } from 'react'
import { Button, Form, Input, Modal, Select } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { RuleSetRoutes, type RuleSetRecord } from '@lianfang/contracts'
import { call } from '../../api/call'
import { queryKeys, useRuleSetPresets } from '../../api/queries'
import { ErrorAlert } from '../../components/ErrorAlert'
import { ruleSetName } from './rule-set-name'
import { RegionName } from '../../components/RegionName'

interface NewDraftForm {
  name: string
  edition: RuleSetRecord['edition']
}

/** Creates a draft for the region from a preset (or from the given parameters, when copying). */
export function NewDraftButton({
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
      call(RuleSetRoutes.create, {
        body: {
          regionCode,
          name: v.name.trim(),
          edition: v.edition,
          ...(copyOf === undefined ? {} : { params: copyOf.params }),
        },
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
            name: copyOf === undefined ? '' : `${ruleSetName(copyOf, t)} (${t('ruleSets.copySuffix')})`,
          }}
          onFinish={(v) => {
            create.mutate(v)
          }}
        >
          <Form.Item label={t('ruleSets.region')}>
            <RegionName code={regionCode} />
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
              options={(presets.data ?? [{ edition: 'FK8' as const }]).map((p) => ({
                value: p.edition,
                label: t(`ruleSets.editions.${p.edition}`),
              }))}
              data-testid="rule-set-edition"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
