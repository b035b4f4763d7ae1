import { App, Form, Input, InputNumber } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { KEY_GROUP_CODE_PATTERN, KEY_GROUP_INTERVAL_DAYS } from '@lianfang/core'
import { KeyGroupRoutes, type CreateLocalKeyGroupBody, type KeyGroupItem } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { MutationButton } from '../../components/list-kit'
import { RegionTreeSelect } from '../../components/RegionTreeSelect'
import { currentLanguage } from '../../i18n'
import { groupName } from './group-name'

const CODE = new RegExp(KEY_GROUP_CODE_PATTERN)

/** Defines a local key group (TEST.WILL); the form starts empty, nothing is chosen for the user. */
export function LocalGroupButton() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const required = { required: true, whitespace: true, message: t('keyGroups.required') }
  const max = (n: number) => ({ max: n, message: t('keyGroups.tooLong', { max: n }) })
  return (
    <MutationButton<CreateLocalKeyGroupBody, KeyGroupItem>
      buttonText={t('keyGroups.define')}
      buttonTestId="key-group-define"
      testId="key-group-define"
      title={t('keyGroups.define')}
      explain={t('keyGroups.defineExplain')}
      okText={t('keyGroups.defineOk')}
      mutationFn={(v) =>
        call(KeyGroupRoutes.createLocal, {
          body: { ...v, code: v.code.trim(), nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim() },
        })
      }
      onSuccess={(g) => {
        void message.success(t('keyGroups.defined', { name: groupName(g, currentLanguage()) }))
        void queryClient.invalidateQueries({ queryKey: queryKeyOf(KeyGroupRoutes.list) })
      }}
    >
      <Form.Item
        name="code"
        label={t('keyGroups.code')}
        extra={t('keyGroups.codeHelp')}
        rules={[required, { pattern: CODE, message: t('keyGroups.codeInvalid') }]}
      >
        <Input maxLength={40} data-testid="key-group-define-code" />
      </Form.Item>
      <Form.Item name="regionCode" label={t('keyGroups.region')} rules={[required]}>
        <RegionTreeSelect testId="key-group-define-region" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="nameZh" label={t('keyGroups.nameZh')} rules={[required, max(50)]}>
        <Input data-testid="key-group-define-name-zh" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('keyGroups.nameEn')} rules={[required, max(100)]}>
        <Input data-testid="key-group-define-name-en" />
      </Form.Item>
      <Form.Item
        name="intervalDays"
        label={t('keyGroups.interval')}
        rules={[
          { required: true, message: t('keyGroups.required') },
          {
            type: 'integer',
            min: KEY_GROUP_INTERVAL_DAYS.min,
            max: KEY_GROUP_INTERVAL_DAYS.max,
            message: t('keyGroups.intervalRange'),
          },
        ]}
      >
        <InputNumber<number> precision={0} data-testid="key-group-define-interval" />
      </Form.Item>
    </MutationButton>
  )
}
