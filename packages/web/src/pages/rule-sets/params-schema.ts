/**
 * The rule-set parameter editor's fields, read from the contract schema itself
 * (`RuleSetParamsSchema`), so the form always matches what the server accepts. Each field's
 * label is `ruleParams.<path>`; a group's is `ruleParams.<path>.title` (see the unit test).
 */
import { RuleSetParamsSchema } from '@lianfang/contracts'

interface Base {
  key: string
  path: string[]
}
export type ParamField =
  | (Base & { kind: 'group'; children: ParamField[] })
  | (Base & { kind: 'integer' | 'number'; min: number | undefined; max: number | undefined })
  | (Base & { kind: 'boolean' })
  | (Base & { kind: 'colour' })
  /** One of a few words (e.g. an overlap tier, `close` | `general`); labels `ruleParams.choices.<word>`. */
  | (Base & { kind: 'choice'; options: string[] })
  | (Base & {
      kind: 'dayList'
      min: number | undefined
      max: number | undefined
      maxItems: number | undefined
    })

type Json = Readonly<Record<string, unknown>>

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined
}

function field(schema: Json, path: string[]): ParamField {
  const key = path[path.length - 1] ?? ''
  const type = schema['type']
  if (type === 'object' && isObject(schema['properties'])) {
    const props = schema['properties']
    return {
      kind: 'group',
      key,
      path,
      children: Object.entries(props).map(([k, s]) => field(asJson(s), [...path, k])),
    }
  }
  if (type === 'integer' || type === 'number') {
    return { kind: type, key, path, min: num(schema['minimum']), max: num(schema['maximum']) }
  }
  if (type === 'boolean') return { kind: 'boolean', key, path }
  if (type === 'array') {
    const items = asJson(schema['items'])
    return {
      kind: 'dayList',
      key,
      path,
      min: num(items['minimum']),
      max: num(items['maximum']),
      maxItems: num(schema['maxItems']),
    }
  }
  if (Array.isArray(schema['anyOf'])) {
    const options = schema['anyOf'].map((o) => {
      const c = asJson(o)['const']
      if (typeof c !== 'string') throw new Error(`rule-set parameter ${path.join('.')}: unsupported choice`)
      return c
    })
    const colours = ['green', 'yellow', 'red']
    return options.length === colours.length && options.every((o) => colours.includes(o))
      ? { kind: 'colour', key, path }
      : { kind: 'choice', key, path, options }
  }
  throw new Error(`rule-set parameter ${path.join('.')}: unsupported schema`)
}

function asJson(v: unknown): Json {
  if (!isObject(v)) throw new Error('rule-set parameter schema is not an object')
  return v
}

/** The top-level sections (closeContact, healthCode, …) with their fields, in schema order. */
export const PARAM_SECTIONS: readonly ParamField[] = (() => {
  const root = field(asJson(RuleSetParamsSchema), [])
  if (root.kind !== 'group') throw new Error('rule-set parameters are not an object')
  return root.children
})()

/** Every translation key the editor uses. */
export function labelKeys(fields: readonly ParamField[] = PARAM_SECTIONS): string[] {
  return fields.flatMap((f) =>
    f.kind === 'group'
      ? [`ruleParams.${f.path.join('.')}.title`, ...labelKeys(f.children)]
      : f.kind === 'choice'
        ? [`ruleParams.${f.path.join('.')}`, ...f.options.map((o) => `ruleParams.choices.${o}`)]
        : [`ruleParams.${f.path.join('.')}`],
  )
}

/**
 * The unit shown after a number, from the parameter's name — or its table's, for a table keyed by
 * venue kind (`closeContact.dwellMinutes.restaurant` is in minutes).
 */
export function unitOf(
  path: readonly string[],
): 'minutes' | 'days' | 'hours' | 'weeks' | 'celsius' | 'tests' | undefined {
  const key = path[path.length - 1] ?? ''
  if (path.some((p) => /Minutes$/.test(p))) return 'minutes'
  if (key.includes('Days')) return 'days'
  if (/Hours$/.test(key)) return 'hours'
  if (/Weeks$/.test(key)) return 'weeks'
  if (/C$/.test(key)) return 'celsius'
  if (/Tests$/.test(key)) return 'tests'
  return undefined
}
