import { normalizeReasons } from './merge.js'
import type { Candidate, GroupReason, GroupRule, ContactReason } from './types.js'

/** A group the traced person belongs to, with its members as loaded by the server. */
export interface GroupMembers {
  readonly kind: GroupRule
  readonly groupId: string
  readonly memberIds: readonly string[]
}

export interface GroupCandidatesInput {
  /** The case (or close contact) whose groups these are: never a candidate. */
  readonly casePersonId: string
  readonly groups: readonly GroupMembers[]
  /** Stamped on every reason for secondary contacts (CC2.DEF). */
  readonly via?: string
}

/**
 * Candidates from the groups of a case (RULES.md CC.SETTINGS): household members living with the
 * case (setting 1, `'household'`), and people of the same office / workshop / team (setting 4,
 * `'workplace'`) or classroom (`'school_class'`). Whether the group was together in the exposure
 * window is the caller's business (the server loads memberships valid then). Members listed twice
 * or in several groups get one candidate with every distinct reason; the case itself is skipped.
 * Ordered by person id.
 */
export function groupCandidates(input: GroupCandidatesInput): Candidate[] {
  const found = new Map<string, ContactReason[]>()
  for (const g of input.groups) {
    const reason: GroupReason = {
      rule: g.kind,
      groupId: g.groupId,
      ...(input.via !== undefined ? { via: input.via } : {}),
    }
    for (const id of g.memberIds) {
      if (id === input.casePersonId) continue
      const list = found.get(id)
      if (list) list.push(reason)
      else found.set(id, [reason])
    }
  }
  return [...found.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([personId, reasons]) => ({ personId, reasons: normalizeReasons(reasons) }))
}
