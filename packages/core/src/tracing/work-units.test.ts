import { describe, expect, it } from 'vitest'
import { groupCandidates } from './groups.js'
import { isLargeUnit, LARGE_UNIT_MEMBERS } from './work-units.js'

describe('work units (CC.SETTINGS 4: same office, workshop, team or classroom)', () => {
  // prettier-ignore
  const rows: [members: number, large: boolean, why: string][] = [
    [12, false, 'CC.SETTINGS 4: a 12-person team is the team'],
    [50, false, 'CC.SETTINGS 4: a class of 50 is a classroom'],
    [LARGE_UNIT_MEMBERS, false, 'CC.SETTINGS 4: 100 members, at the threshold, is not flagged'],
    [LARGE_UNIT_MEMBERS + 1, true, 'CC.SETTINGS 4: 101 members is checked with the employer'],
    [2000, true, 'CC.SETTINGS 4: a unit as big as an employer of 2,000 is flagged'],
  ]
  it.each(rows)('%i members → large %s (%s)', (members, large) => {
    expect(isLargeUnit(members)).toBe(large)
  })

  it('CC.SETTINGS 4: the candidates are the members of the case’s unit, every one of them, and no one else', () => {
    const team = Array.from({ length: 12 }, (_, i) => `T${String(i).padStart(2, '0')}`)
    const out = groupCandidates({
      casePersonId: 'T00',
      groups: [{ kind: 'workplace', groupId: 'U7', memberIds: team }],
    })
    expect(out.map((c) => c.personId)).toEqual(team.slice(1))
    for (const c of out) expect(c.reasons).toEqual([{ rule: 'workplace', groupId: 'U7' }])
  })

  it('CC.SETTINGS 4: a large unit (600 members) is listed whole, not cut', () => {
    const members = Array.from({ length: 600 }, (_, i) => `P${String(i).padStart(4, '0')}`)
    const out = groupCandidates({
      casePersonId: 'P0000',
      groups: [{ kind: 'school_class', groupId: 'C1', memberIds: members }],
    })
    expect(out).toHaveLength(599)
  })
})
