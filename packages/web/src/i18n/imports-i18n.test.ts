import { describe, expect, it } from 'vitest'
import i18n from 'i18next'
import { expectParity } from './parity'
import zhCN from './zh-CN.json'
import importsZhCN from './imports.zh-CN.json'
import importsEn from './imports.en.json'
import { resources } from './index'
import { fileErrorText, issueText } from '../pages/imports/ImportPage'
import { ApiError } from '../api/client'

/** Every row code the server's import pipeline and the person roster give (docs/imports.md). */
const ROW_CODES = [
  'required',
  'tooLong',
  'tooShort',
  'invalidFormat',
  'invalidType',
  'notAllowed',
  'invalid',
  'malformedRecord',
  'textNotStorable',
  'numberPrecisionLost',
  'cellError',
  'duplicateInFile',
  'personExists',
  'regionNotFound',
  'regionAmbiguous',
  'outOfScope',
  'identityMissing',
  'identityAmbiguous',
  'idNumberInvalid',
  'contradictsIdNumber',
  'implausible',
  // The roster's employer, school and unit columns (CC.SETTINGS 4).
  'venueNotFound',
  'unitNotFound',
  'unitWithoutVenue',
  // Key-group memberships (#17).
  'personNotFound',
  'groupNotFound',
  'groupAmbiguous',
  'periodInvalid',
  // Lab results (#17): tubes never shipped to the importer's lab, resulted already, unknown.
  'tubeNotFound',
  'notShippedToLab',
  'alreadyResulted',
  'inFuture',
  'beforeSampling',
]

describe('import translations', () => {
  it('zh-CN and en have exactly the same keys, none empty, same placeholders', () => {
    expectParity(importsZhCN, importsEn)
  })

  it('name every row code, and add their own section and one menu label', () => {
    expect(Object.keys(importsZhCN.imports.issue).sort()).toEqual([...ROW_CODES].sort())
    expect(Object.keys(zhCN)).not.toContain('imports')
    for (const lang of ['zh-CN', 'en'] as const) {
      const translation = resources[lang].translation as Readonly<Record<string, unknown>>
      const nav = translation['nav'] as Readonly<Record<string, string>>
      expect(nav['importPersons']).toBe(
        lang === 'en' ? importsEn.nav.importPersons : importsZhCN.nav.importPersons,
      )
      expect(translation['imports']).toEqual(lang === 'en' ? importsEn.imports : importsZhCN.imports)
    }
  })

  it('say a row problem and a refused file in Chinese', async () => {
    const t = i18n.createInstance()
    await t.init({ resources, lng: 'zh-CN', interpolation: { escapeValue: false } })
    expect(issueText(t.t, { row: 4, column: '身份证号码', code: 'duplicateInFile', detail: '2' })).toBe(
      '与文件中前面的行（第 2 行）证件号重复',
    )
    expect(issueText(t.t, { row: 4, column: null, code: 'someFutureCode', detail: null })).toBe(
      'someFutureCode',
    )
    expect(
      fileErrorText(t.t, new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'x', { encoding: 'not-utf-8' })),
    ).toMatch(/UTF-8/)
    expect(
      fileErrorText(t.t, new ApiError(400, 'VALIDATION_FAILED', 'x', { missingFields: ['name', 'region'] })),
    ).toBe('文件缺少必需的列：姓名、所属地区')
    expect(fileErrorText(t.t, new ApiError(409, 'CONFLICT', 'x'))).toBeUndefined()
  })
})
