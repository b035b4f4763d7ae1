import { describe, expect, it } from 'vitest'
import i18next from 'i18next'
import { resources } from '../i18n'
import { ruleSetVersionText } from './rule-set-version'

describe('rule-set versions in words', () => {
  it('names a preset by its edition and a region’s rule set by its id and version', async () => {
    const zh = i18next.createInstance()
    await zh.init({ resources, lng: 'zh-CN', fallbackLng: 'zh-CN' })
    expect(ruleSetVersionText(zh.t, 'FK8@1')).toBe('第八版防控方案（预置）')
    expect(ruleSetVersionText(zh.t, '12@3')).toBe('规则集 12 · 第 3 版')
    expect(ruleSetVersionText(zh.t, 'odd')).toBe('odd')
    const en = i18next.createInstance()
    await en.init({ resources, lng: 'en', fallbackLng: 'en' })
    expect(ruleSetVersionText(en.t, '12@3')).toBe('rule set 12, version 3')
  })
})
