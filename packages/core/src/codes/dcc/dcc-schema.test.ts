import { describe, expect, it } from 'vitest'
import { HCERT } from '../__fixtures__/dcc-world.js'
import { dccSchemaFamily, dccSchemaProblem } from './dcc-schema.js'

describe('DCC schema validation', () => {
  it('validates every family in one process (families sharing a schema file once collided on its $id)', () => {
    const versions = ['1.0.0', '1.2.1', '1.3.0', '1.3.2', '1.3.0', '1.0.0']
    expect(new Set(versions.map(dccSchemaFamily)).size).toBe(4)
    for (const ver of versions) expect(() => dccSchemaProblem({ ...HCERT, ver }), ver).not.toThrow()
    expect(dccSchemaProblem({ ...HCERT, ver: '1.3.2' })).toBeUndefined()
    expect(dccSchemaProblem({ ...HCERT, ver: '1.2.1' })).toBeUndefined()
    expect(dccSchemaProblem({ ...HCERT, ver: '1.3.0', dob: 'yesterday' })).toMatch(/dob/)
  })
})
