import { describe, expect, it } from 'vitest'
import { VENUE_CONTACT_RULES, GROUP_CONTACT_RULES } from '@lianfang/contracts'
import { CANDIDATE_GROUPS, candidateGroup, countByGroup } from './candidate-groups'

const of = (rule: string) => ({ strongest: { rule } }) as Parameters<typeof candidateGroup>[0]

describe('candidate groups (RULES.md CC.SETTINGS 1, 4, 5; CC.TRANSPORT.*)', () => {
  it.each([
    ['household', 'household', 'CC.SETTINGS 1'],
    ['plane_rows', 'seat', 'CC.TRANSPORT.PLANE'],
    ['train_bay', 'seat', 'CC.TRANSPORT.TRAIN'],
    ['bus_rows', 'seat', 'CC.TRANSPORT.BUS'],
    ['ship_cabin', 'seat', 'CC.TRANSPORT.SHIP'],
    ['workplace', 'unit', 'CC.SETTINGS 4'],
    ['school_class', 'unit', 'CC.SETTINGS 4'],
    ['train_carriage', 'conveyance', 'CC.TRANSPORT.TRAIN'],
    ['bus_vehicle', 'conveyance', 'CC.TRANSPORT.BUS'],
    ['venue_overlap', 'venue', 'CC.SETTINGS 5'],
    ['venue_copresence_general', 'venue', 'GC.DEF'],
  ])('%s → %s (%s)', (rule, group) => {
    expect(candidateGroup(of(rule))).toBe(group)
  })

  it('every contact rule of the contract has a group, and groups are in order of strength', () => {
    for (const rule of [...VENUE_CONTACT_RULES, ...GROUP_CONTACT_RULES])
      expect(CANDIDATE_GROUPS).toContain(candidateGroup(of(rule)))
    expect(CANDIDATE_GROUPS[0]).toBe('household')
  })

  it('counts every group, zero or not', () => {
    expect(countByGroup([of('household'), of('venue_overlap'), of('venue_overlap')])).toEqual({
      household: 1,
      seat: 0,
      unit: 0,
      conveyance: 0,
      venue: 2,
    })
  })
})
