import { Col, Collapse, Divider, Form, InputNumber, Row, Select, Switch, type FormInstance } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { Colour } from '@lianfang/contracts'
import { PARAM_SOURCES, type ParamPath } from '@lianfang/core'
import type { RuleSetParams } from '../../api/types'
import { COLOURS, ColourTag } from '../../components/colour'
import { translateDynamic } from '../../i18n'
import { PARAM_SECTIONS, unitOf, type ParamField } from './params-schema'

/** A list of day numbers (e.g. test days 1, 4, 7) as tags; keeps whole numbers in range, sorted. */
function DayListInput({
  value,
  onChange,
  min,
  max,
  disabled,
  testId,
}: {
  value?: number[]
  onChange?: (days: number[]) => void
  min: number | undefined
  max: number | undefined
  disabled: boolean
  testId: string
}) {
  return (
    <Select<string[]>
      mode="tags"
      disabled={disabled}
      tokenSeparators={[',', ' ', '，']}
      value={(value ?? []).map(String)}
      open={false}
      suffix={null}
      onChange={(strings) => {
        const days = [
          ...new Set(
            strings
              .map((s) => Number(s.trim()))
              .filter(
                (n) =>
                  Number.isInteger(n) && (min === undefined || n >= min) && (max === undefined || n <= max),
              ),
          ),
        ].sort((a, b) => a - b)
        onChange?.(days)
      }}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  )
}

/**
 * The input of one parameter. A plain function, not a component: Form.Item hands value and
 * onChange to its direct child, which must be the input itself.
 */
function paramInput(field: ParamField, disabled: boolean, t: TFunction) {
  const testId = `param-${field.path.join('-')}`
  switch (field.kind) {
    case 'group':
      return null
    case 'integer':
    case 'number': {
      const unit = unitOf(field.path)
      return (
        <InputNumber<number>
          disabled={disabled}
          {...(field.min === undefined ? {} : { min: field.min })}
          {...(field.max === undefined ? {} : { max: field.max })}
          precision={field.kind === 'integer' ? 0 : 1}
          step={field.kind === 'integer' ? 1 : 0.1}
          {...(unit === undefined ? {} : { suffix: t(`unit.${unit}`) })}
          style={{ width: '100%' }}
          data-testid={testId}
        />
      )
    }
    case 'boolean':
      return <Switch disabled={disabled} data-testid={testId} />
    case 'colour':
      return (
        <Select<Colour>
          disabled={disabled}
          options={COLOURS.map((c) => ({ value: c, label: <ColourTag colour={c} /> }))}
          data-testid={testId}
        />
      )
    case 'choice':
      return (
        <Select<string>
          disabled={disabled}
          options={field.options.map((o) => ({
            value: o,
            label: translateDynamic(t, `ruleParams.choices.${o}`),
          }))}
          data-testid={testId}
        />
      )
    case 'dayList':
      return <DayListInput disabled={disabled} min={field.min} max={field.max} testId={testId} />
  }
}

/** Where a parameter's value comes from: its RULES.md id, or that it has none (core PARAM_SOURCES). */
function sourceOf(path: readonly string[], t: TFunction): string {
  const key = path.join('.')
  const source = (PARAM_SOURCES as Readonly<Record<string, (typeof PARAM_SOURCES)[ParamPath] | undefined>>)[
    key
  ]
  return source && 'rule' in source
    ? t('ruleSets.sourceRule', { id: source.rule, path: key })
    : t('ruleSets.sourceNone', { path: key })
}

function Fields({ fields, disabled }: { fields: readonly ParamField[]; disabled: boolean }) {
  const { t } = useTranslation()
  return (
    <Row gutter={16}>
      {fields.map((f) =>
        f.kind === 'group' ? (
          <Col span={24} key={f.key}>
            <Divider titlePlacement="start" plain style={{ marginTop: 4 }}>
              {translateDynamic(t, `ruleParams.${f.path.join('.')}.title`)}
            </Divider>
            <Fields fields={f.children} disabled={disabled} />
          </Col>
        ) : (
          <Col xs={24} sm={12} lg={8} key={f.key}>
            <Form.Item
              name={f.path}
              label={translateDynamic(t, `ruleParams.${f.path.join('.')}`)}
              tooltip={sourceOf(f.path, t)}
              {...(f.kind === 'boolean' ? { valuePropName: 'checked' } : {})}
              rules={
                f.kind === 'boolean' || f.kind === 'dayList'
                  ? []
                  : [{ required: true, message: t('facts.required') }]
              }
            >
              {paramInput(f, disabled, t)}
            </Form.Item>
          </Col>
        ),
      )}
    </Row>
  )
}

/**
 * The parameters of a rule set as a form, one collapsible section per policy area, built from
 * the contract schema. Read-only unless the rule set is a draft.
 */
export function ParamsEditor({
  form,
  params,
  disabled,
}: {
  form: FormInstance<RuleSetParams>
  params: RuleSetParams
  disabled: boolean
}) {
  const { t } = useTranslation()
  return (
    <Form<RuleSetParams> form={form} layout="vertical" initialValues={params} data-testid="rule-set-params">
      <Collapse
        defaultActiveKey={['healthCode']}
        items={PARAM_SECTIONS.map((section) => ({
          key: section.key,
          label: translateDynamic(t, `ruleParams.${section.path.join('.')}.title`),
          forceRender: true,
          children: (
            <Fields fields={section.kind === 'group' ? section.children : [section]} disabled={disabled} />
          ),
        }))}
      />
    </Form>
  )
}
