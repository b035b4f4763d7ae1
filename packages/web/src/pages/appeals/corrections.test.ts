import { describe, expect, it } from 'vitest'
import { correctionFor, correctionKey, parseCorrectionKey } from './corrections'

describe('appeal corrections', () => {
  it('maps fact types to the correction that undoes them', () => {
    expect(correctionFor('health_declaration')).toBe('void_declaration')
    expect(correctionFor('trip')).toBe('void_trip')
    expect(correctionFor('quarantine_order')).toBe('release_quarantine')
    expect(correctionFor('void_nat_result')).toBe('void_nat_result')
    expect(correctionFor('key_group')).toBeUndefined()
  })

  it('round-trips checkbox keys', () => {
    expect(parseCorrectionKey(correctionKey('void_fever_clinic', '42'))).toEqual({
      type: 'void_fever_clinic',
      id: '42',
    })
    expect(parseCorrectionKey('nonsense')).toBeUndefined()
  })
})
