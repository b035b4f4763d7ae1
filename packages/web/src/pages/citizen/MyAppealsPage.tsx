import { App, Button, Card, Empty, Form, Input, List, Space, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { AppealRoutes } from '@lianfang/contracts'
import { call } from '../../api/call'
import { queryKeys, useMyAppeals } from '../../api/queries'
import { ColourTag } from '../../components/colour'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { AppealStatusTag } from '../appeals/AppealStatusTag'

interface AppealForm {
  statement: string
}

/** 纠错: tell the community why the colour is wrong; see what was decided. */
export default function MyAppealsPage() {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm<AppealForm>()
  const appeals = useMyAppeals()
  const file = useMutation({
    mutationFn: (statement: string) => call(AppealRoutes.file, { body: { statement } }),
    onSuccess: async () => {
      form.resetFields()
      void message.success(t('appeal.filed'))
      await queryClient.invalidateQueries({ queryKey: queryKeys.myAppeals })
    },
  })

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('appeal.newTitle')} data-testid="appeal-new">
        <Typography.Paragraph type="secondary">{t('appeal.hint')}</Typography.Paragraph>
        {file.isError && <ErrorAlert error={file.error} />}
        <Form<AppealForm>
          form={form}
          layout="vertical"
          onFinish={(v) => {
            file.mutate(v.statement.trim())
          }}
        >
          <Form.Item
            name="statement"
            label={t('appeal.statement')}
            rules={[
              { required: true, whitespace: true, message: t('appeal.statementRequired') },
              { min: 5, max: 1000, message: t('appeal.statementLength') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount data-testid="appeal-statement" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={file.isPending}
            data-testid="appeal-submit"
          >
            {t('appeal.submit')}
          </Button>
        </Form>
      </Card>
      <Card title={t('appeal.mine')} data-testid="appeal-mine">
        {appeals.isError && <ErrorAlert error={appeals.error} />}
        {appeals.data !== undefined && appeals.data.length === 0 ? (
          <Empty description={t('appeal.none')} />
        ) : (
          <List
            loading={appeals.isPending}
            dataSource={[...(appeals.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
            renderItem={(a) => (
              <List.Item key={a.id} data-testid={`my-appeal-${a.id}`} data-status={a.status}>
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Space wrap>
                    <AppealStatusTag status={a.status} />
                    <ColourTag colour={a.colour} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(a.createdAt, lang)}
                    </Typography.Text>
                  </Space>
                  <Typography.Paragraph style={{ marginBottom: 0 }}>{a.statement}</Typography.Paragraph>
                  {a.decisionNote !== null && (
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                      {t('appeal.decisionNote')}: {a.decisionNote}
                      {a.decidedAt !== null && ` (${formatDateTime(a.decidedAt, lang)})`}
                    </Typography.Paragraph>
                  )}
                  {a.corrections.length > 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('appeal.correctionsMade', { count: a.corrections.length })}
                    </Typography.Text>
                  )}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  )
}
