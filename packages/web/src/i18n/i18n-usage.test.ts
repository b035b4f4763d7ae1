/// <reference types="vite/client" />
/**
 * Every message a user can see comes from the catalogues, in both languages (#16 "Language"):
 * each key the console's code asks for exists in zh-CN and in en (static keys by their text,
 * keys built at run time by their section), the two merged catalogues have the same keys, every
 * value of the enums the server sends has a label in both, and zh-CN has no English left.
 */
import { describe, expect, it } from 'vitest'
import type { TSchema } from '@sinclair/typebox'
import {
  DENY_REASONS,
  EDITIONS,
  ERROR_CODES,
  ITEM_ERROR_CODES,
  LEGACY_LOCAL_GROUP,
  MUST_TEST_GROUPS,
  PLAUSIBILITY_RULES,
  ROLES,
  SECONDARY_SKIP_REASONS,
} from '@lianfang/core'
import { CaseStatusSchema, ContactOutcome } from '@lianfang/contracts'
import { resources } from './index'
import { expectParity, leaves, type Tree } from './parity'

const zh = leaves(resources['zh-CN'].translation as Tree)
const en = leaves(resources.en.translation as Tree)
/** The console's own code (not tests, fixtures or the test kit), as text. */
const SOURCES: Record<string, string> = import.meta.glob(
  ['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../**/__fixtures__/**', '!../testing/**', '!../**/*.d.ts'],
  { query: '?raw', import: 'default', eager: true },
)

/** Keys of `t('…')`, `i18nKey="…"` and `t(\`section.${…}\`)` calls, by file. */
function keysUsed(): { file: string; key: string; dynamic: boolean }[] {
  const out: { file: string; key: string; dynamic: boolean }[] = []
  for (const [file, text] of Object.entries(SOURCES)) {
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g))
      out.push({ file, key: m[1] ?? '', dynamic: false })
    for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z][\w.-]*)\.\$\{/g))
      out.push({ file, key: m[1] ?? '', dynamic: true })
  }
  return out
}

const hasSection = (keys: ReadonlyMap<string, string>, section: string) =>
  [...keys.keys()].some((k) => k.startsWith(`${section}.`))

/** The literal values of a TypeBox union of literals. */
function literals(schema: TSchema): string[] {
  const anyOf = (schema as { anyOf?: { const?: unknown }[] }).anyOf ?? []
  return anyOf.map((s) => s.const).filter((v): v is string => typeof v === 'string')
}

const LF1_STAGES = [
  'prefix',
  'base45',
  'zlib',
  'cose',
  'cbor',
  'unknown-key',
  'signature',
  'not-yet-valid',
  'expired',
  'status-unavailable',
  'revoked',
  'no-lists',
]

describe('the console asks only for keys both catalogues have', () => {
  const used = keysUsed()

  it('finds the calls (the scan works)', () => {
    expect(used.filter((u) => !u.dynamic).length).toBeGreaterThan(500)
    expect(used.filter((u) => u.dynamic).length).toBeGreaterThan(20)
  })

  it('every static key exists in zh-CN and en', () => {
    const missing = used
      .filter((u) => !u.dynamic && !(zh.has(u.key) && en.has(u.key)))
      .filter((u) => !hasSection(zh, u.key) || !hasSection(en, u.key)) // t('section') for a plural family
      .map((u) => `${u.file.slice(3)}: ${u.key}`)
    expect(missing).toEqual([])
  })

  it('every key built at run time names a section of both catalogues', () => {
    const missing = used
      .filter((u) => u.dynamic && !(hasSection(zh, u.key) && hasSection(en, u.key)))
      .map((u) => `${u.file.slice(3)}: ${u.key}.*`)
    expect(missing).toEqual([])
  })

  it('the merged catalogues (shared strings and every module) have the same keys in both languages', () => {
    expectParity(resources['zh-CN'].translation as Tree, resources.en.translation as Tree)
  })
})

describe('every value the server sends has a label in both languages', () => {
  const enums: [section: string, values: readonly string[]][] = [
    ['role', ROLES],
    ['keyGroup', [...MUST_TEST_GROUPS, LEGACY_LOCAL_GROUP]],
    ['cases.statuses', literals(CaseStatusSchema)],
    ['investigation.outcomeStatus', literals(ContactOutcome.properties.status)],
    ['investigation.secondary.skip', SECONDARY_SKIP_REASONS],
    ['checkpoint.stages', LF1_STAGES],
    ['checkpoint.stageNames', LF1_STAGES],
    ['denyReason', DENY_REASONS],
    ['ruleSets.editions', EDITIONS],
    ['errorCode', Object.keys(ERROR_CODES)],
    ['itemError', ITEM_ERROR_CODES],
    ['plausibility', PLAUSIBILITY_RULES],
  ]
  it.each(enums)('%s', (section, values) => {
    expect(values.length).toBeGreaterThan(0)
    for (const v of values) {
      expect(zh.has(`${section}.${v}`), `zh-CN ${section}.${v}`).toBe(true)
      expect(en.has(`${section}.${v}`), `en ${section}.${v}`).toBe(true)
    }
  })
})

describe('no English left in the Chinese console', () => {
  // Texts that are the same in both languages on purpose: names of formats, units, samples.
  const SAME_IN_BOTH =
    /^(?:[\W\d_]*|.*\{\{\w+\}\}.*|[A-Z0-9 ./:·-]+|°C|Ig[GM]|[^]*(?:LF1|LFV1|HC1|EU DCC|PDF|CSV|QR|ID|Rt|ES256|PEM|CERTIFICATE|kid|Base45)[^]*)$/
  it('every zh-CN text has Chinese in it, or is a name, unit or placeholder the same in English', () => {
    const english = [...zh].filter(([, text]) => !/[\u4e00-\u9fff]/.test(text) && !SAME_IN_BOTH.test(text))
    expect(english.map(([k, v]) => `${k}: ${v}`)).toEqual([])
  })
})
