/**
 * A Kysely plugin that times every statement a service issues (compile, connection, round trip,
 * row parsing), labelled by kind, first table and first column of the WHERE clause — enough to
 * tell the hot path's statements apart ("select checkins by venue_id", "select persons by
 * workplace_id"). For profiling passes only; the measured passes run the services unwrapped.
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'

const firstMatch = (re: RegExp, s: string): string | undefined => re.exec(s)?.[1]

export function labelOf(node: RootOperationNode): string {
  if (node.kind === 'RawNode') {
    const text = node.sqlFragments.join('?').replace(/\s+/g, ' ').trim()
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
