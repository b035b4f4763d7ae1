/**
 * Every message a user can see comes from the catalogues (#16 "Language"): each error code of
 * core's catalogue has a text in both languages, so the console never shows the server's
 * English words as the message; a new code without a translation fails here.
 */
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '@lianfang/core'
import en from '../i18n/en.json'
import zhCN from '../i18n/zh-CN.json'

describe('error texts', () => {
  it.each(Object.keys(ERROR_CODES))('%s has a text in zh-CN and en', (code) => {
    expect(zhCN.errorCode).toHaveProperty(code)
    expect(en.errorCode).toHaveProperty(code)
  })

  it('the Chinese error texts are Chinese (no English left in zh-CN errorCode or validation)', () => {
    for (const text of [
      ...Object.values(zhCN.errorCode),
      ...Object.entries(zhCN.validation)
        .filter(([k]) => k !== 'about')
        .map(([, v]) => v),
    ])
      expect(text, text).toMatch(/[\u4e00-\u9fff]/)
  })

  it('validation keywords the server sends have texts in both languages', () => {
    for (const k of [
      'required',
      'minLength',
      'maxLength',
      'pattern',
      'format',
      'type',
      'minimum',
      'maximum',
      'enum',
      'additionalProperties',
    ]) {
      expect(zhCN.validation).toHaveProperty(k)
      expect(en.validation).toHaveProperty(k)
    }
  })
})
