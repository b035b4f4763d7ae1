import { describe, expect, it } from 'vitest'
import { parseGateSetting } from './gate-setting'

const stored = { username: 'checkpoint', venueId: '42', venueName: 'CZ3101 广州—北京', direction: 'in' }

describe('gate setting', () => {
  it('reads a setting with the venue kind', () => {
    expect(parseGateSetting({ ...stored, venueKind: 'flight' }, 'checkpoint')).toEqual({
      ...stored,
      venueKind: 'flight',
    })
  })

  it('still reads settings stored without a kind (earlier versions)', () => {
    const setting = parseGateSetting(stored, 'checkpoint')
    expect(setting).toEqual(stored)
    expect(setting).not.toHaveProperty('venueKind')
  })

  it('drops a malformed kind but keeps the gate', () => {
    for (const venueKind of [7, '', null, { kind: 'flight' }])
      expect(parseGateSetting({ ...stored, venueKind }, 'checkpoint')).toEqual(stored)
  })

  it("refuses another operator's or a malformed setting", () => {
    expect(parseGateSetting({ ...stored, venueKind: 'flight' }, 'someone_else')).toBeUndefined()
    expect(parseGateSetting({ ...stored, direction: 'up' }, 'checkpoint')).toBeUndefined()
    expect(parseGateSetting({ ...stored, venueId: '' }, 'checkpoint')).toBeUndefined()
    expect(parseGateSetting(null, 'checkpoint')).toBeUndefined()
    expect(parseGateSetting('flight', 'checkpoint')).toBeUndefined()
  })
})
