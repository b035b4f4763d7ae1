import { describe, expect, it } from 'vitest'
import { parseSimulateArgs } from './simulate.js'

describe('simulate options', () => {
  it('defaults, and --checkin-share as a fraction of the visits recorded', () => {
    expect(parseSimulateArgs([])).toMatchObject({
      people: 10_000,
      days: 7,
      region: '420100',
      checkinShare: 1,
    })
    expect(
      parseSimulateArgs(['--people', '1_000_000', '--days', '14', '--checkin-share', '0.36']),
    ).toMatchObject({ people: 1_000_000, days: 14, checkinShare: 0.36 })
    for (const bad of ['0', '-1', '1.5', 'abc', ''])
      expect(() => parseSimulateArgs(['--checkin-share', bad])).toThrow(/--checkin-share/)
  })
})
