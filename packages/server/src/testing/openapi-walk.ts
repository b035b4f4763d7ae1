/**
 * Walks the app's own OpenAPI document (test code only): every operation with what it requires
 * (the guard's `x-access`), its parameters and body schema, and plausible values generated from
 * those schemas. The authorization walk and the text-field property test are built on it, so a
 * route added tomorrow is walked without anyone editing a table.
 */
import type { FastifyInstance } from 'fastify'
import fc from 'fast-check'

/** The part of a JSON/OpenAPI schema the generator reads. */
export interface Schema {
  readonly type?: string
  readonly format?: string
  readonly pattern?: string
  readonly enum?: readonly unknown[]
  readonly const?: unknown
  readonly anyOf?: readonly Schema[]
  readonly oneOf?: readonly Schema[]
  readonly properties?: Readonly<Record<string, Schema>>
  readonly required?: readonly string[]
  readonly minProperties?: number
  readonly items?: Schema
  readonly minItems?: number
  readonly minLength?: number
  readonly maxLength?: number
  readonly minimum?: number
  readonly maximum?: number
}

export interface Parameter {
  readonly name: string
  readonly in: 'path' | 'query' | 'header' | 'cookie'
  readonly required: boolean
  readonly schema: Schema
}

export interface Operation {
  readonly method: string
  /** The OpenAPI path, e.g. `/api/cases/{id}`. */
  readonly path: string
  /** `public`, `authenticated` or the permission the guard checks. */
  readonly access: string
  readonly pathParams: readonly Parameter[]
  readonly queryParams: readonly Parameter[]
  readonly body: Schema | undefined
  /** `METHOD /path`, the key used in tables and lists. */
  readonly key: string
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>
}
interface OpenApiOperation {
  readonly 'x-access'?: string
  readonly parameters?: readonly (Omit<Parameter, 'required'> & { required?: boolean })[]
  readonly requestBody?: { content: Record<string, { schema: Schema }> }
}

/** Every operation of the document under `/api/`, in document order. */
export function operationsOf(app: FastifyInstance): Operation[] {
  const doc = app.swagger() as unknown as OpenApiDocument
  const out: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/')) continue
    for (const [method, op] of Object.entries(methods)) {
      const access = op['x-access']
      if (!access) throw new Error(`${method.toUpperCase()} ${path} has no x-access in the OpenAPI document`)
      const params = (op.parameters ?? []).map((p) => ({ ...p, required: p.required ?? false }))
      const content = op.requestBody?.content
      out.push({
        method: method.toUpperCase(),
        path,
        access,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: content ? Object.values(content)[0]?.schema : undefined,
        key: `${method.toUpperCase()} ${path}`,
      })
    }
  }
  return out
}

/**
 * A field-specific value, or undefined to let the schema decide. `path` is the field's place in
 * the body (`['contacts', 0, 'personId']`); the last string in it is the field's name.
 */
export type Fill = (name: string, schema: Schema, path: readonly (string | number)[]) => unknown

export interface SampleOptions {
  /** Fill these optional properties too when `fill` has a value for them (ids that name records). */
  readonly optional?: (name: string) => boolean
}

/** A plausible value for `schema`: required properties, and the optional ones `options` asks for. */
export function sample(
  schema: Schema,
  fill: Fill,
  options: SampleOptions = {},
  path: readonly (string | number)[] = [],
): unknown {
  const name = [...path].reverse().find((p): p is string => typeof p === 'string') ?? ''
  const filled = path.length > 0 ? fill(name, schema, path) : undefined
  return filled !== undefined ? filled : generate(schema, fill, options, path)
}

/** A value from the schema alone (the field's own `fill` was already asked). */
function generate(
  schema: Schema,
  fill: Fill,
  options: SampleOptions,
  path: readonly (string | number)[],
): unknown {
  const variants = schema.anyOf ?? schema.oneOf
  if (variants) {
    const first = variants.find((v) => v.type !== 'null') ?? variants[0]
    return first ? generate(first, fill, options, path) : null
  }
  if (schema.const !== undefined) return schema.const
  if (schema.enum) return schema.enum[0]
  switch (schema.type) {
    case 'object': {
      const props = schema.properties ?? {}
      const required = new Set(schema.required ?? [])
      const out: Record<string, unknown> = {}
      for (const [key, sub] of Object.entries(props)) {
        if (required.has(key)) out[key] = sample(sub, fill, options, [...path, key])
        else if (options.optional?.(key)) {
          const v = fill(key, sub, [...path, key])
          if (v !== undefined) out[key] = v
        }
      }
      // minProperties (a PATCH needs something to change): add optional properties in order.
      for (const [key, sub] of Object.entries(props)) {
        if (Object.keys(out).length >= (schema.minProperties ?? 0)) break
        if (!(key in out)) out[key] = sample(sub, fill, options, [...path, key])
      }
      return out
    }
    case 'array': {
      const n = schema.minItems ?? 0
      return Array.from({ length: n }, (_, i) => sample(schema.items ?? {}, fill, options, [...path, i]))
    }
    case 'string':
      return sampleString(schema)
    case 'integer':
    case 'number':
      return Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER)
    case 'boolean':
      return true
    case undefined:
    default:
      return undefined
  }
}

const patternCache = new Map<string, string>()

function sampleString(schema: Schema): string {
  if (schema.format === 'date-time') return new Date(Date.now() - 3_600_000).toISOString()
  if (schema.format === 'date') return new Date().toISOString().slice(0, 10)
  if (schema.pattern) {
    let v = patternCache.get(schema.pattern)
    if (v === undefined) {
      const [s] = fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { numRuns: 1, seed: 14 })
      v = s ?? ''
      patternCache.set(schema.pattern, v)
    }
    return v
  }
  const base = 'walk test value'
  const min = schema.minLength ?? 0
  const max = schema.maxLength ?? 10_000
  return base.padEnd(min, 'x').slice(0, max)
}

/** Where strings go: every string-typed field of a schema, as paths into a sampled value. */
export function stringPaths(
  schema: Schema,
  path: readonly (string | number)[] = [],
): { path: readonly (string | number)[]; schema: Schema }[] {
  const variants = schema.anyOf ?? schema.oneOf
  if (variants) {
    // An enum union is one string field; otherwise walk the first variant, as `sample` does.
    if (variants.every((v) => v.enum || v.const !== undefined)) return [{ path, schema }]
    const first = variants.find((v) => v.type !== 'null')
    return first ? stringPaths(first, path) : []
  }
  if (schema.type === 'string') return [{ path, schema }]
  if (schema.type === 'object')
    return Object.entries(schema.properties ?? {}).flatMap(([k, s]) => stringPaths(s, [...path, k]))
  if (schema.type === 'array' && schema.items) return stringPaths(schema.items, [...path, 0])
  return []
}

/** A copy of `value` with `path` set (creating objects and arrays on the way). */
export function setAt(value: unknown, path: readonly (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf
  const [head, ...rest] = path
  if (typeof head === 'number') {
    const arr = Array.isArray(value) ? [...(value as unknown[])] : []
    arr[head] = setAt(arr[head], rest, leaf)
    return arr
  }
  const obj = value && typeof value === 'object' ? { ...(value as Record<string, unknown>) } : {}
  obj[head ?? ''] = setAt(obj[head ?? ''], rest, leaf)
  return obj
}

/** The URL of an operation with its path parameters and query filled. */
export function urlOf(
  op: Operation,
  pathValues: Readonly<Record<string, string>>,
  query: Readonly<Record<string, unknown>> = {},
): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = pathValues[name]
    if (v === undefined) throw new Error(`${op.key}: no value for path parameter ${name}`)
    return encodeURIComponent(v)
  })
  const qs = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  return qs ? `${path}?${qs}` : path
}
