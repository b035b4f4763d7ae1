import { useState } from 'react'
import { DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd'
import { useTranslation } from 'react-i18next'
import dayjs, { type Dayjs } from 'dayjs'
import {
  DeclarationRoutes,
  KeyGroupRoutes,
  QuarantineRoutes,
  TestingRoutes,
  type CreateQuarantineOrderBody,
  type KeyGroupBody,
  type NatResultBody,
} from '@lianfang/contracts'
import { call } from '../../api/call'
import type { QuarantineKind, QuarantineReason } from '../../api/types'
import { useCan } from '../../layout/Guards'
import { FactButton } from './FactButton'
import { KeyGroupSelect } from './KeyGroupSelect'

const QUARANTINE_KINDS = [
  'centralized',
  'home_isolation',
  'home_monitoring',
] as const satisfies readonly QuarantineKind[]
const QUARANTINE_REASONS = [
  'close_contact',
  'secondary_contact',
  'inbound',
  'risk_area',
  'pool_positive',
  'other',
] as const satisfies readonly QuarantineReason[]
const NAT_RESULTS = ['negative', 'positive', 'pending'] as const satisfies readonly NatResultBody['result'][]

const noFuture = (d: Dayjs) => d.isAfter(dayjs().endOf('day'))

interface QuarantineForm {
  kind: QuarantineKind
  reason: QuarantineReason
  startsAt: Dayjs
  endsAt?: Dayjs | null
  note?: string
}
interface ReleaseForm {
  orderId: string
}
interface NatForm {
  sampledAt: Dayjs
  result: NatResultBody['result']
  pooled: boolean
  labName?: string
}
interface FeverForm {
  visitedAt: Dayjs
  hospital?: string
}
interface KeyGroupForm {
  group: KeyGroupBody['group']
  intervalDays: number
}

/** The facts a staff member may record about this person, each behind its permission. */
export function FactActions({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const canQuarantine = useCan('quarantine:manage')
  const canNat = useCan('nat:enter')
  const canDeclare = useCan('fact:declare')
  // There is no list of a person's orders yet: offer the one made here for release.
  const [lastOrderId, setLastOrderId] = useState<string>()
  const required = { required: true, message: t('facts.required') }
  const dateTime = (testId: string, disableFuture = true) => (
    <DatePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      style={{ width: '100%' }}
      {...(disableFuture ? { disabledDate: noFuture } : {})}
      data-testid={testId}
    />
  )

  if (!canQuarantine && !canNat && !canDeclare) return null
  return (
    <Space wrap data-testid="fact-actions">
      {canQuarantine && (
        <FactButton<QuarantineForm>
          label={t('facts.quarantine')}
          testId="fact-quarantine"
          initialValues={{ startsAt: dayjs() }}
          confirmOf={(v) => ({
            title: t('facts.confirmQuarantineTitle'),
            content: t('facts.confirmQuarantine', {
              kind: t(`quarantineKind.${v.kind}`),
              reason: t(`quarantineReason.${v.reason}`),
              start: v.startsAt.format('YYYY-MM-DD HH:mm'),
              end: v.endsAt ? v.endsAt.format('YYYY-MM-DD HH:mm') : t('facts.endByRules'),
              colour: t(v.kind === 'home_monitoring' ? 'colour.yellow' : 'colour.red'),
            }),
          })}
          submit={(v) => {
            const body: CreateQuarantineOrderBody = {
              personId,
              kind: v.kind,
              reason: v.reason,
              startsAt: v.startsAt.toISOString(),
            }
            if (v.endsAt != null) body.endsAt = v.endsAt.toISOString()
            if (v.note !== undefined && v.note.trim() !== '') body.note = v.note.trim()
            return call(QuarantineRoutes.create, { body })
          }}
          onDone={(order) => {
            if (
              typeof order === 'object' &&
              order !== null &&
              'id' in order &&
              typeof order.id === 'string'
            ) {
              setLastOrderId(order.id)
            }
          }}
        >
          <Form.Item name="kind" label={t('facts.kind')} rules={[required]}>
            <Radio.Group optionType="button">
              {QUARANTINE_KINDS.map((k) => (
                <Radio.Button key={k} value={k} data-testid={`fact-quarantine-kind-${k}`}>
                  {t(`quarantineKind.${k}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="reason" label={t('facts.reason')} rules={[required]}>
            <Select
              placeholder={t('facts.choose')}
              options={QUARANTINE_REASONS.map((r) => ({ value: r, label: t(`quarantineReason.${r}`) }))}
              data-testid="fact-quarantine-reason"
            />
          </Form.Item>
          <Form.Item name="startsAt" label={t('facts.startsAt')} rules={[required]}>
            {dateTime('fact-quarantine-starts', false)}
          </Form.Item>
          <Form.Item name="endsAt" label={t('facts.endsAt')} extra={t('facts.endsAtHelp')}>
            {dateTime('fact-quarantine-ends', false)}
          </Form.Item>
          <Form.Item name="note" label={t('facts.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </FactButton>
      )}
      {canQuarantine && (
        <FactButton<ReleaseForm>
          key={lastOrderId ?? 'none'}
          label={t('facts.release')}
          testId="fact-release"
          initialValues={lastOrderId === undefined ? {} : { orderId: lastOrderId }}
          submit={(v) => call(QuarantineRoutes.release, { params: { id: v.orderId.trim() } })}
        >
          <Form.Item
            name="orderId"
            label={t('facts.orderId')}
            extra={t('facts.orderIdHelp')}
            rules={[required, { pattern: /^\s*[1-9]\d{0,17}\s*$/, message: t('facts.orderIdInvalid') }]}
          >
            <Input inputMode="numeric" data-testid="fact-release-order" />
          </Form.Item>
        </FactButton>
      )}
      {canNat && (
        <FactButton<NatForm>
          label={t('facts.nat')}
          testId="fact-nat"
          initialValues={{ sampledAt: dayjs(), pooled: false }}
          confirmOf={(v) =>
            v.result === 'positive'
              ? { title: t('facts.confirmPositiveTitle'), content: t('facts.confirmPositive') }
              : undefined
          }
          submit={(v) => {
            const body: NatResultBody = {
              personId,
              sampledAt: v.sampledAt.toISOString(),
              result: v.result,
              pooled: v.pooled,
            }
            if (v.labName !== undefined && v.labName.trim() !== '') body.labName = v.labName.trim()
            return call(TestingRoutes.enterNatResult, { body })
          }}
        >
          <Form.Item name="sampledAt" label={t('facts.sampledAt')} rules={[required]}>
            {dateTime('fact-nat-sampled')}
          </Form.Item>
          <Form.Item name="result" label={t('facts.result')} rules={[required]}>
            <Radio.Group optionType="button">
              {NAT_RESULTS.map((r) => (
                <Radio.Button key={r} value={r} data-testid={`fact-nat-result-${r}`}>
                  {t(`natResult.${r}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="pooled" label={t('facts.pooled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="labName" label={t('facts.labName')}>
            <Input maxLength={100} />
          </Form.Item>
        </FactButton>
      )}
      {canDeclare && (
        <FactButton<FeverForm>
          label={t('facts.feverClinic')}
          testId="fact-fever"
          initialValues={{ visitedAt: dayjs() }}
          confirmOf={() => ({ title: t('facts.confirmFeverTitle'), content: t('facts.confirmFever') })}
          submit={(v) =>
            call(DeclarationRoutes.feverClinicVisit, {
              body: {
                personId,
                visitedAt: v.visitedAt.toISOString(),
                ...(v.hospital !== undefined && v.hospital.trim() !== ''
                  ? { hospital: v.hospital.trim() }
                  : {}),
              },
            })
          }
        >
          <Form.Item name="visitedAt" label={t('facts.visitedAt')} rules={[required]}>
            {dateTime('fact-fever-visited')}
          </Form.Item>
          <Form.Item name="hospital" label={t('facts.hospital')}>
            <Input maxLength={100} />
          </Form.Item>
        </FactButton>
      )}
      {canDeclare && (
        <FactButton<KeyGroupForm>
          label={t('facts.keyGroup')}
          testId="fact-key-group"
          submit={(v) =>
            call(KeyGroupRoutes.set, { body: { personId, group: v.group, intervalDays: v.intervalDays } })
          }
        >
          <Form.Item name="group" label={t('facts.group')} rules={[required]}>
            <KeyGroupSelect placeholder={t('facts.choose')} data-testid="fact-key-group-group" />
          </Form.Item>
          <Form.Item name="intervalDays" label={t('facts.intervalDays')} rules={[required]}>
            <InputNumber<number>
              min={1}
              max={60}
              precision={0}
              suffix={t('unit.days')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </FactButton>
      )}
    </Space>
  )
}
