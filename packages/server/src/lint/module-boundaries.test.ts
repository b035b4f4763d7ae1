/**
 * The module-boundary lint rule (#15) as the repository's own ESLint config applies it: an import of
 * another module's internal file is reported, one through its `index.js` is not, and a module may
 * import its own files. Type-aware parsing is switched off and only the two #15 rules run, so the
 * test needs no TypeScript program.
 */
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../../', import.meta.url))
const RULE = 'local/module-boundaries'

const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { project: false, projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === RULE || ruleId === 'max-lines',
})

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` })
  return result!.messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`)
}

describe('lint: modules reach each other only through their index', () => {
  it("reports an import of another module's internal file", async () => {
    const messages = await lint(
      'packages/server/src/modules/cases/example.ts',
      "import { PersonsService } from '../persons/persons.service.js'\nexport const s = PersonsService\n",
    )
    expect(messages).toEqual([
      expect.stringContaining(`${RULE}: '../persons/persons.service.js' reaches into module 'persons'`),
    ])
  })

  it('reports it from outside modules/ too, and for re-exports and dynamic imports', async () => {
    const messages = await lint(
      'packages/server/src/app-example.ts',
      [
        "export { RegionsRepository } from './modules/regions/regions.repository.js'",
        "export const later = () => import('./modules/keys/keys.service.js')",
        '',
      ].join('\n'),
    )
    expect(messages).toHaveLength(2)
    expect(messages.every((m) => m.startsWith(RULE))).toBe(true)
  })

  it("permits another module's index and a module's own files (its tests included)", async () => {
    expect(
      await lint(
        'packages/server/src/modules/cases/example.ts',
        [
          "import { PersonsService } from '../persons/index.js'",
          "import { CasesService } from './cases.service.js'",
          "import { likePrefix } from '../../db/kit.js'",
          'export const all = [PersonsService, CasesService, likePrefix]',
          '',
        ].join('\n'),
      ),
    ).toEqual([])
    expect(
      await lint(
        'packages/server/src/modules/cases/example.int.test.ts',
        "import { planContacts } from './contacts-plan.js'\nexport const p = planContacts\n",
      ),
    ).toEqual([])
  })

  it('applies max-lines to source files but not to tests', async () => {
    const long = Array.from({ length: 501 }, (_, i) => `export const v${i} = ${i}`).join('\n') + '\n'
    expect(await lint('packages/server/src/modules/cases/example.ts', long)).toEqual([
      expect.stringContaining('max-lines: File has too many lines (501)'),
    ])
    expect(await lint('packages/server/src/modules/cases/example.test.ts', long)).toEqual([])
  })
})
