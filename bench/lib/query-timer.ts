/**
 * A Kysely plugin that times every statement a service issues (compile, connection, round trip,
 * row parsing), labelled by kind, first table and first column of the WHERE clause — enough to
 * tell the hot path's statements apart ("select checkins by venue_id", "select persons by
 * workplace_id"). For profiling passes only; the measured passes run the services unwrapped.
 */
import {
  PostgresQueryCompiler,
  type KyselyPlugin,
  type OperationNode,
  type RawNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely'

const firstMatch = (re: RegExp, s: string): string | undefined => re.exec(s)?.[1]

/** The text of a raw statement, nested fragments (`sql.join`, `${sql\`…\`}`) spelled out, values as `?`. */
function rawText(node: OperationNode): string {
  if (node.kind !== 'RawNode') return '?'
  const raw = node as RawNode
  return raw.sqlFragments
    .map((f, i) => f + (i < raw.parameters.length ? rawText(raw.parameters[i] as OperationNode) : ''))
    .join('')
}

export function labelOf(node: RootOperationNode): string {
  if (node.kind === 'RawNode') {
    const text = rawText(node).replace(/\s+/g, ' ').trim()
    return `sql: ${text.length > 48 ? `${text.slice(0, 48)}…` : text}`
  }
  const kind = node.kind.replace(/QueryNode$/, '').toLowerCase()
  const json = JSON.stringify(node)
  const table = firstMatch(/"identifier":\{"kind":"IdentifierNode","name":"([^"]+)"\}/, json) ?? '?'
  const where = 'where' in node && node.where ? JSON.stringify(node.where) : ''
  const column = firstMatch(/"column":\{"kind":"IdentifierNode","name":"([^"]+)"\}/, where)
  return `${kind} ${table}${column ? ` by ${column}` : ''}`
}

export class QueryTimer implements KyselyPlugin {
  private readonly started = new WeakMap<object, { label: string; t: number }>()
  /** Milliseconds and statement counts per label since the last `reset`. */
  totals = new Map<string, { ms: number; n: number }>()

  reset(): Map<string, { ms: number; n: number }> {
    const t = this.totals
    this.totals = new Map()
    return t
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.started.set(args.queryId, { label: labelOf(args.node), t: performance.now() })
    return args.node
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const s = this.started.get(args.queryId)
    if (s) {
      const e = this.totals.get(s.label) ?? { ms: 0, n: 0 }
      e.ms += performance.now() - s.t
      e.n++
      this.totals.set(s.label, e)
    }
    return args.result
  }
}

/**
 * A Kysely plugin that keeps every statement a service issues, compiled for PostgreSQL with its
 * parameters, labelled like `QueryTimer` — so the profile can EXPLAIN exactly what ran.
 */
export class QueryCapture implements KyselyPlugin {
  private readonly compiler = new PostgresQueryCompiler()
  captured: { label: string; sql: string; parameters: readonly unknown[] }[] = []

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const q = this.compiler.compileQuery(args.node, args.queryId)
    this.captured.push({ label: labelOf(args.node), sql: q.sql, parameters: q.parameters })
    return args.node
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result)
  }
}
