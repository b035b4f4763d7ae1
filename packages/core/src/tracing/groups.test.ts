import { describe, expect, it } from 'vitest'
import { groupCandidates } from './groups.js'

describe('groupCandidates (CC.SETTINGS 1 and 4)', () => {
  it('household, workplace and class members, without the case, merged per person', () => {
    const out = groupCandidates({
      casePersonId: 'CASE',
      groups: [
        { kind: 'household', groupId: 'H1', memberIds: ['CASE', 'P2', 'P1'] },
        { kind: 'workplace', groupId: 'W1', memberIds: ['P3', 'P1', 'CASE', 'P3'] },
        { kind: 'school_class', groupId: 'C1', memberIds: ['P4'] },
      ],
    })
    expect(out).toEqual([
      {
        personId: 'P1',
        reasons: [
          { rule: 'household', groupId: 'H1' },
          { rule: 'workplace', groupId: 'W1' },
        ],
      },
      { personId: 'P2', reasons: [{ rule: 'household', groupId: 'H1' }] },
      { personId: 'P3', reasons: [{ rule: 'workplace', groupId: 'W1' }] },
      { personId: 'P4', reasons: [{ rule: 'school_class', groupId: 'C1' }] },
    ])
  })

  it('stamps via for secondary contacts', () => {
    const out = groupCandidates({
      casePersonId: 'CC1',
      via: 'CC1',
      groups: [{ kind: 'household', groupId: 'H9', memberIds: ['CC1', 'P9'] }],
    })
    expect(out).toEqual([{ personId: 'P9', reasons: [{ rule: 'household', groupId: 'H9', via: 'CC1' }] }])
  })

  it('no groups, no candidates', () => {
    expect(groupCandidates({ casePersonId: 'CASE', groups: [] })).toEqual([])
  })
})
