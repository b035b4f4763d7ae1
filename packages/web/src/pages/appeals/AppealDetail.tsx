import { useEffect } from 'react'
import { App, Button, Card, Checkbox, Descriptions, Empty, Form, Input, Radio, Space, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import { AppealRoutes, type DecideAppealBody } from '@lianfang/contracts'
import { call } from '../../api/call'
import { invalidateCodes, useAppeal } from '../../api/queries'
import { ColourTag } from '../../components/colour'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../components/format'
import { PageLoading } from '../../components/PageLoading'
import { currentLanguage } from '../../i18n'
import { AppealStatusTag } from './AppealStatusTag'
import { correctionFor, correctionKey, parseCorrectionKey } from './corrections'
import { RegionName } from '../../components/RegionName'

interface DecisionForm {
  decision: DecideAppealBody['decision']
  note: string
  corrections: string[]
}

/** One appeal: what the citizen said, the facts behind the colour, and (while open) the decision. */
export function AppealDetail({ id, onDecided }: { id: string; onDecided: () => void }) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const appeal = useAppeal(id)
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm<DecisionForm>()
  const decision = Form.useWatch('decision', form)
  const decide = useMutation({
    mutationFn: (body: DecideAppealBody) => call(AppealRoutes.decide, { params: { id }, body }),
    onSuccess: async (decided) => {
      void message.success(t(`appeals.decided.${decided.status}`))
      await invalidateCodes(queryClient)
      onDecided()
    },
  })
  useEffect(() => {
    if (decision === 'rejected') form.setFieldValue('corrections', [])
  }, [decision, form])

  if (appeal.isPending) return <PageLoading />
  if (appeal.isError) return <ErrorAlert error={appeal.error} />
  const a = appeal.data
  const facts = [...(a.facts ?? [])].sort((x, y) => y.at.localeCompare(x.at))

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="appeal-detail">
      <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('person.name')}>
          <Link to={`/persons/${a.personId}`}>{a.personName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('person.region')}>
          <RegionName code={a.regionCode} />
        </Descriptions.Item>
        <Descriptions.Item label={t('appeals.colourThen')}>
          <ColourTag colour={a.colour} />
        </Descriptions.Item>
        <Descriptions.Item label={t('code.reasons')}>
          <Space orientation="vertical" size={0}>
            {a.reasons.length === 0 ? '—' : a.reasons.map((r) => <span key={r.code}>{r.text[lang]}</span>)}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('appeal.statement')}>
          <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
            {a.statement}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('appeals.filedAt')}>
          {formatDateTime(a.createdAt, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('appeals.status')}>
          <AppealStatusTag status={a.status} />
        </Descriptions.Item>
        {a.decisionNote !== null && (
          <Descriptions.Item label={t('appeal.decisionNote')}>{a.decisionNote}</Descriptions.Item>
        )}
        {a.corrections.length > 0 && (
          <Descriptions.Item label={t('appeals.corrections')}>
            <Space orientation="vertical" size={0}>
              {a.corrections.map((c) => (
                <span key={correctionKey(c.type, c.id)}>
                  {t(`correction.${c.type}`)} #{c.id}
                </span>
              ))}
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>

      {a.status === 'open' && (
        <Card size="small" title={t('appeals.decide')}>
          {decide.isError && <ErrorAlert error={decide.error} />}
          <Form<DecisionForm>
            form={form}
            layout="vertical"
            initialValues={{ decision: 'accepted', corrections: [], note: '' }}
            onFinish={(v) => {
              const corrections =
                v.decision === 'accepted' ? v.corrections.flatMap((k) => parseCorrectionKey(k) ?? []) : []
              decide.mutate({
                decision: v.decision,
                note: v.note.trim(),
                ...(corrections.length > 0 ? { corrections } : {}),
              })
            }}
          >
            <Form.Item name="decision" label={t('appeals.decision')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'accepted', label: t('appeals.accept') },
                  { value: 'rejected', label: t('appeals.reject') },
                ]}
                data-testid="appeal-decision"
              />
            </Form.Item>
            <Form.Item name="corrections" label={t('appeals.factsToCorrect')} extra={t('appeals.factsHelp')}>
              {facts.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appeals.noFacts')} />
              ) : (
                <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                  {facts.map((f) => {
                    const type = correctionFor(f.type)
                    return (
                      <Checkbox
                        key={`${f.type}:${f.id}`}
                        value={type === undefined ? `none:${f.id}` : correctionKey(type, f.id)}
                        disabled={type === undefined || decision === 'rejected'}
                        data-testid={`appeal-fact-${f.type}-${f.id}`}
                        data-fact-type={f.type}
                      >
                        <Space orientation="vertical" size={0}>
                          <span>
                            {type === undefined ? f.type : t(`correction.${type}`)} · {f.summary}
                          </span>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {formatDateTime(f.at, lang)}
                          </Typography.Text>
                        </Space>
                      </Checkbox>
                    )
                  })}
                </Checkbox.Group>
              )}
            </Form.Item>
            <Form.Item
              name="note"
              label={t('appeal.decisionNote')}
              rules={[
                { required: true, whitespace: true, message: t('appeals.noteRequired') },
                { min: 2, max: 1000, message: t('appeals.noteLength') },
              ]}
            >
              <Input.TextArea rows={3} maxLength={1000} showCount data-testid="appeal-note" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              loading={decide.isPending}
              data-testid="appeal-decide-submit"
            >
              {t('appeals.submitDecision')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  )
}
