/**
 * Every RULES.md id a rule-set parameter cites (core PARAM_SOURCES, #16) is a row of the rules
 * table in ../shared/RULES.md. The file lives beside the project, not in it: where it is absent
 * the test is skipped and says so.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PARAM_SOURCES } from '@lianfang/core'
import { describe, expect, it } from 'vitest'

const rulesMd = fileURLToPath(new URL('../../../../../shared/RULES.md', import.meta.url))

describe('rule-set parameter sources', () => {
  it.skipIf(!existsSync(rulesMd))(
    'every cited id is a row of ../shared/RULES.md (skipped: ../shared/RULES.md is absent)',
    () => {
      const text = readFileSync(rulesMd, 'utf8')
      const ids = new Set(Object.values(PARAM_SOURCES).flatMap((s) => ('rule' in s ? [s.rule] : [])))
      expect(ids.size).toBeGreaterThan(20)
      for (const id of ids) expect(text, id).toContain(`| ${id} |`)
    },
  )
})
