import { describe, expect, it } from 'vitest'
import { formatIssue, parseImportArgs } from './import.js'

describe('import options', () => {
  it('takes a kind and a file, an optional region and --dry-run', () => {
    expect(parseImportArgs(['persons', 'roster.xlsx'])).toEqual({
      kind: 'persons',
      file: 'roster.xlsx',
      region: undefined,
      dryRun: false,
    })
    expect(parseImportArgs(['persons', 'a.csv', '--region', '420106001', '--dry-run'])).toEqual({
      kind: 'persons',
      file: 'a.csv',
      region: '420106001',
      dryRun: true,
    })
    expect(() => parseImportArgs(['persons'])).toThrow(/usage/)
    expect(() => parseImportArgs(['persons', 'a.csv', 'b.csv'])).toThrow(/usage/)
    expect(() => parseImportArgs(['persons', 'a.csv', '--region', '4201'])).toThrow(/--region/)
    expect(() => parseImportArgs(['persons', 'a.csv', '--force'])).toThrow()
  })

  it('prints a row problem with its row, column and code', () => {
    expect(formatIssue({ row: 7, column: '手机号码', code: 'invalidFormat', detail: 'pattern' })).toBe(
      'row 7, 手机号码: invalidFormat (pattern)',
    )
    expect(formatIssue({ row: 3, column: null, code: 'malformedRecord', detail: null })).toBe(
      'row 3: malformedRecord',
    )
  })
})
