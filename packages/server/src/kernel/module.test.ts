import { describe, expect, it } from 'vitest'
import { ERROR_CODES, PERMISSIONS } from '@lianfang/core'
import { MODULES } from '../app.js'
import { catalogues, composeServices, defineModule, type Kernel } from './module.js'

const kernel = {
  config: {},
  database: {},
  cipher: {},
  audit: {},
  logger: { current: undefined },
} as unknown as Kernel

describe('module composition (#15)', () => {
  it('builds modules in list order from what earlier ones provide', () => {
    const a = defineModule({
      name: 'a',
      permissions: [],
      errorCodes: [],
      needs: [],
      services: () => ({ one: 1 }),
    })
    const b = defineModule<{ one: number }, { two: number }>({
      name: 'b',
      permissions: [],
      errorCodes: [],
      needs: ['one'],
      services: ({ one }) => ({ two: one + 1 }),
    })
    const s = composeServices(kernel, [a, b] as const)
    expect(s.two).toBe(2)
    expect(() => composeServices(kernel, [b, a] as const)).toThrow(/needs 'one'/)
  })

  it('refuses a name provided twice, a module listed twice and permissions or codes outside the catalogues', () => {
    const a = defineModule({
      name: 'a',
      permissions: [],
      errorCodes: [],
      needs: [],
      services: () => ({ one: 1 }),
    })
    const a2 = defineModule({
      name: 'a2',
      permissions: [],
      errorCodes: [],
      needs: [],
      services: () => ({ one: 2 }),
    })
    expect(() => composeServices(kernel, [a, a2] as const)).toThrow(/already provided by a/)
    expect(() => composeServices(kernel, [a, a] as const)).toThrow(/listed twice/)
    const bad = defineModule({
      name: 'bad',
      permissions: ['nope:never' as never],
      errorCodes: [],
      needs: [],
      services: () => ({}),
    })
    expect(() => composeServices(kernel, [bad] as const)).toThrow(/not in core's PERMISSIONS/)
    const badCode = defineModule({
      name: 'bad',
      permissions: [],
      errorCodes: ['NO_SUCH_CODE' as never],
      needs: [],
      services: () => ({}),
    })
    expect(() => composeServices(kernel, [badCode] as const)).toThrow(/not in core's ERROR_CODES/)
  })

  it("the node's modules together declare every permission and error code of core's catalogues", () => {
    const { permissions, errorCodes } = catalogues(MODULES)
    expect(PERMISSIONS.filter((p) => !permissions.has(p))).toEqual([])
    expect(Object.keys(ERROR_CODES).filter((c) => !errorCodes.has(c as keyof typeof ERROR_CODES))).toEqual([])
  })
})
