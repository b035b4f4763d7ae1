import type { ChainEdge as CoreEdge, ChainNode as CoreNode } from '@lianfang/core'
import type { ChainEdge, ChainNode, ClusterKind, ContactDegree } from '@lianfang/contracts'
import type { Executor } from '../../db/kit.js'
import type { Scope } from '../../auth/scope.js'
import { caseDate } from './clusters.repository.js'
import { ChainsRepository } from './chains.repository.js'

const repo = new ChainsRepository()
const CHUNK = 1000

/** A node as loaded, before anonymisation: the core node plus what the console shows. */
export interface RichNode extends CoreNode {
  readonly regionCode: string
  readonly mine: boolean
  readonly label: string | null
  readonly caseId: string | null
  readonly personId: string | null
  readonly clusterId: string | null
  readonly status: string | null
  readonly degree: ContactDegree | null
  readonly clusterKind: ClusterKind | null
}

export interface RichEdge extends CoreEdge {
  readonly linkId: string | null
}

export interface LoadedGraph {
  readonly nodes: Map<string, RichNode>
  readonly edges: RichEdge[]
  readonly truncated: boolean
}

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK))
  return out
}

interface CaseInfo {
  id: string
  person_id: string
  region_code: string
  status: string
  onset_at: Date | null
  first_positive_sample_at: Date | null
  name: string
}

const caseNodeId = (id: string) => `case:${id}`

/**
 * Loads the transmission-chain graph around seed cases (RULES.md CC.SETTINGS, CC2.DEF, §A9):
 * breadth first over case links (both ways), cluster alerts (open or acknowledged) and confirmed
 * contacts who are cases themselves, up to `depth` steps and `maxNodes` nodes (then `truncated`).
 * Confirmed contacts of the cases the user may see are leaves (`contact` nodes; secondary ones
 * hang off their close contact); contacts of other regions' cases are not loaded. `mine` marks
 * what the user's region may see: everything else is anonymised by the caller.
 */
export async function loadChainGraph(
  db: Executor,
  scope: Scope,
  seedCaseIds: readonly string[],
  opts: { readonly depth: number; readonly maxNodes: number },
): Promise<LoadedGraph> {
  const nodes = new Map<string, RichNode>()
  const edges = new Map<string, RichEdge>()
  const cases = new Map<string, CaseInfo>()
  const caseOfPerson = new Map<string, string>()
  let truncated = false
  const room = () => nodes.size < opts.maxNodes

  const addCases = async (ids: readonly string[]): Promise<string[]> => {
    const fresh = [...new Set(ids)].filter((id) => !cases.has(id))
    const added: string[] = []
    for (const chunk of chunks(fresh)) {
      const rows = await repo.graphCases(db, chunk)
      for (const c of rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))) {
        if (!room()) {
          truncated = true
          break
        }
        const mine = scope.covers(c.region_code)
        cases.set(c.id, c)
        caseOfPerson.set(c.person_id, c.id)
        const at = caseDate(c)
        nodes.set(caseNodeId(c.id), {
          id: caseNodeId(c.id),
          kind: 'case',
          ...(at ? { at } : {}),
          regionCode: c.region_code,
          mine,
          label: mine ? c.name : null,
          caseId: mine ? c.id : null,
          personId: mine ? c.person_id : null,
          clusterId: null,
          status: mine ? c.status : null,
          degree: null,
          clusterKind: null,
        })
        added.push(c.id)
      }
    }
    return added
  }

  let frontier = await addCases(seedCaseIds)
  const contactRows: {
    id: string
    case_id: string
    person_id: string
    degree: string
    via_person_id: string | null
    region_code: string
    last_exposure_at: Date
    name: string
  }[] = []
  for (let step = 0; step < opts.depth && frontier.length > 0; step++) {
    const next: string[] = []
    for (const ids of chunks(frontier)) {
      // Case links, both ways.
      const links = await repo.linksOf(db, ids)
      next.push(...links.flatMap((l) => [l.from_case_id, l.to_case_id]))
      for (const l of links)
        edges.set(`infected:${l.id}`, {
          from: caseNodeId(l.from_case_id),
          to: caseNodeId(l.to_case_id),
          kind: 'infected',
          confidence: l.confidence,
          linkId: l.id,
        })
      // Clusters the cases belong to.
      const alerts = await repo.alertsWithCases(db, ids)
      for (const a of alerts) {
        const id = `cluster:${a.id}`
        if (!nodes.has(id)) {
          if (!room()) {
            truncated = true
            continue
          }
          const mine = scope.covers(a.region_code)
          nodes.set(id, {
            id,
            kind: 'cluster',
            at: a.first_at,
            regionCode: a.region_code,
            mine,
            label: mine ? (a.venue_name ?? `${a.kind} #${a.key}`) : null,
            caseId: null,
            personId: null,
            clusterId: a.id,
            status: a.status,
            degree: null,
            clusterKind: a.kind,
          })
        }
        next.push(...a.case_ids)
      }
      // Confirmed contacts of the cases the user may see; contacts who are cases join the walk.
      const mineIds = ids.filter((id) => scope.covers(cases.get(id)?.region_code ?? ''))
      if (mineIds.length > 0) {
        const rows = await repo.confirmedContactsOf(db, mineIds)
        contactRows.push(...rows)
        const persons = [...new Set(rows.map((r) => r.person_id))]
        for (const chunk of chunks(persons)) {
          const theirCases = await repo.casesOfPersons(db, chunk)
          next.push(...theirCases.map((c) => c.id))
        }
      }
      // Cases this case's person was a contact of.
      const personIds = ids.flatMap((id) => {
        const p = cases.get(id)?.person_id
        return p ? [p] : []
      })
      const asContact = await repo.casesAsContact(db, personIds)
      next.push(...asContact.map((r) => r.case_id))
    }
    frontier = await addCases(next)
  }

  // Membership edges, for the clusters loaded and the cases loaded.
  for (const n of nodes.values()) {
    if (n.kind !== 'cluster' || n.clusterId === null) continue
    const a = await repo.alertCases(db, n.clusterId)
    for (const caseId of a?.case_ids ?? []) {
      const c = cases.get(caseId)
      if (!c) continue
      const at = caseDate(c)
      edges.set(`member:${n.clusterId}:${caseId}`, {
        from: caseNodeId(caseId),
        to: n.id,
        kind: 'member',
        confidence: 'confirmed',
        ...(at ? { at } : {}),
        linkId: null,
      })
    }
  }

  // Contact nodes (one per person) and their edges; a contact who is a case is that case's node.
  const nodeOfPerson = (personId: string) => {
    const caseId = caseOfPerson.get(personId)
    return caseId !== undefined ? caseNodeId(caseId) : `person:${personId}`
  }
  for (const k of contactRows) {
    const target = nodeOfPerson(k.person_id)
    if (!nodes.has(target)) {
      if (!room()) {
        truncated = true
        continue
      }
      const mine = scope.covers(k.region_code)
      nodes.set(target, {
        id: target,
        kind: 'contact',
        at: k.last_exposure_at,
        regionCode: k.region_code,
        mine,
        label: mine ? k.name : null,
        caseId: null,
        personId: mine ? k.person_id : null,
        clusterId: null,
        status: null,
        degree: k.degree as ContactDegree,
        clusterKind: null,
      })
    } else {
      const n = nodes.get(target)
      if (n?.kind === 'contact' && k.degree === 'close' && n.degree === 'secondary')
        nodes.set(target, { ...n, degree: 'close' })
    }
    const via = k.via_person_id !== null ? nodeOfPerson(k.via_person_id) : undefined
    const from = k.degree === 'secondary' && via !== undefined && nodes.has(via) ? via : caseNodeId(k.case_id)
    if (from === target) continue
    edges.set(`contact:${k.id}`, {
      from,
      to: target,
      kind: 'contact',
      confidence: 'confirmed',
      at: k.last_exposure_at,
      linkId: null,
    })
  }

  const kept = [...edges.values()].filter((e) => nodes.has(e.from) && nodes.has(e.to))
  if (kept.length < edges.size) truncated = true
  return { nodes, edges: kept, truncated }
}

/**
 * The graph as the API gives it: nodes of other regions' persons (cases, contacts) anonymised —
 * an opaque id (`anon:<n>`, stable within one answer), the region and the kind, nothing else.
 */
export function serialiseGraph(
  nodes: readonly RichNode[],
  edges: readonly RichEdge[],
): { nodes: ChainNode[]; edges: ChainEdge[] } {
  const ids = new Map<string, string>()
  let n = 0
  const idOf = (node: RichNode) => {
    if (node.mine || node.kind === 'cluster') return node.id
    let id = ids.get(node.id)
    if (id === undefined) {
      id = `anon:${String(++n)}`
      ids.set(node.id, id)
    }
    return id
  }
  const byId = new Map(nodes.map((x) => [x.id, x]))
  const out: ChainNode[] = nodes.map((x) => ({
    id: idOf(x),
    kind: x.kind,
    regionCode: x.regionCode,
    otherRegion: !x.mine,
    at: x.mine || x.kind === 'cluster' ? (x.at?.toISOString() ?? null) : null,
    label: x.mine ? x.label : null,
    caseId: x.mine ? x.caseId : null,
    personId: x.mine ? x.personId : null,
    clusterId: x.clusterId,
    status: x.mine || x.kind === 'cluster' ? x.status : null,
    degree: x.mine ? x.degree : null,
    clusterKind: x.clusterKind,
  }))
  const mapped = (id: string) => {
    const node = byId.get(id)
    return node ? idOf(node) : id
  }
  return {
    nodes: out,
    edges: edges.map((e, i) => {
      const from = byId.get(e.from)
      const to = byId.get(e.to)
      const visible = (from?.mine ?? false) || (to?.mine ?? false)
      return {
        id: `e${String(i + 1)}`,
        from: mapped(e.from),
        to: mapped(e.to),
        kind: e.kind,
        confidence: e.confidence,
        at: visible ? (e.at?.toISOString() ?? null) : null,
        linkId: visible ? e.linkId : null,
      }
    }),
  }
}
