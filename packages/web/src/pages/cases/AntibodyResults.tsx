import { DatePicker, Form, List, Radio, Space, Tag, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Dayjs } from 'dayjs'
import { CaseRoutes, TestingRoutes, type DischargeCheck } from '@lianfang/contracts'
import { call, queryKeyOf } from '../../api/call'
import { formatDateTime } from '../../components/format'
import { currentLanguage } from '../../i18n'
import { useCan } from '../../layout/Guards'
import { FactButton } from '../persons/FactButton'
import { afterTodayInRegion, wallToIso } from '../../components/civil-time'

type Serology = 'positive' | 'negative'
interface AntibodyForm {
  sampledAt: Dayjs
  igm: Serology
  igg: Serology
}

const noFuture = afterTodayInRegion

/**
 * A suspected case's serum antibody results (CASE.SUSPECT.EXCLUDE counts IgM and IgG negative
 * ≥ 7 days after onset; the check names the ones sampled too early), and — for staff entering
 * test results (`nat:enter`) — a new result.
 */
export function AntibodyResults({
  caseId,
  personId,
  check,
}: {
  caseId: string
  personId: string
  check: DischargeCheck
}) {
  const { t } = useTranslation()
  const lang = currentLanguage()
  const queryClient = useQueryClient()
  const canEnter = useCan('nat:enter')
  const required = (message: string) => [{ required: true, message }]
  const word = (v: Serology) => (
    <Tag color={v === 'positive' ? 'error' : 'default'}>{t(`cases.discharge.serology.${v}`)}</Tag>
  )
  const serology = (name: 'igm' | 'igg') => (
    <Form.Item
      name={name}
      label={t(`cases.discharge.antibodies.${name}`)}
      rules={required(t('facts.required'))}
    >
      <Radio.Group data-testid={`antibody-${name}`}>
        <Radio value="negative">{t('cases.discharge.serology.negative')}</Radio>
        <Radio value="positive">{t('cases.discharge.serology.positive')}</Radio>
      </Radio.Group>
    </Form.Item>
  )
  return (
    <div data-testid="discharge-antibodies" style={{ marginTop: 16 }}>
      <Typography.Title level={5} style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
        {t('cases.discharge.antibodies.title')}
        {canEnter && (
          <FactButton<AntibodyForm>
            label={t('cases.discharge.antibodies.record')}
            testId="discharge-record-antibody"
            submit={(v) =>
              call(TestingRoutes.enterAntibodyResult, {
                body: { personId, sampledAt: wallToIso(v.sampledAt), igm: v.igm, igg: v.igg },
              })
            }
            onDone={() => {
              void queryClient.invalidateQueries({
                queryKey: queryKeyOf(CaseRoutes.dischargeCheck, { params: { id: caseId } }),
              })
            }}
          >
            <Form.Item
              name="sampledAt"
              label={t('cases.discharge.antibodies.sampledAt')}
              rules={required(t('cases.discharge.antibodies.sampledAtRequired'))}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                disabledDate={noFuture}
                style={{ width: '100%' }}
                data-testid="antibody-sampled-at"
              />
            </Form.Item>
            {serology('igm')}
            {serology('igg')}
          </FactButton>
        )}
      </Typography.Title>
      <List
        size="small"
        dataSource={check.antibodies}
        locale={{ emptyText: t('cases.discharge.antibodies.none') }}
        renderItem={(a) => (
          <List.Item>
            <span>{formatDateTime(a.sampledAt, lang)}</span>
            <Space>
              {t('cases.discharge.antibodies.igm')} {word(a.igm)}
              {t('cases.discharge.antibodies.igg')} {word(a.igg)}
            </Space>
          </List.Item>
        )}
      />
    </div>
  )
}
