import { describe, expect, it } from 'vitest'
import { expectParity } from './parity'
import zhCN from './zh-CN.json'
import jobsZhCN from './jobs.zh-CN.json'
import jobsEn from './jobs.en.json'
import { resources } from './index'

describe('dead-job translations', () => {
  it('zh-CN and en have exactly the same keys, none empty, same placeholders', () => {
    expectParity(jobsZhCN, jobsEn)
  })

  it('adds its own section and one menu label, merged into the translation namespace', () => {
    expect(Object.keys(zhCN)).not.toContain('jobs')
    expect(Object.keys(zhCN.nav)).not.toContain('deadJobs')
    for (const lang of ['zh-CN', 'en'] as const) {
      const translation = resources[lang].translation as Readonly<Record<string, unknown>>
      const nav = translation['nav'] as Readonly<Record<string, string>>
      expect(nav['deadJobs']).toBe(lang === 'en' ? jobsEn.nav.deadJobs : jobsZhCN.nav.deadJobs)
      expect(translation['jobs']).toEqual(lang === 'en' ? jobsEn.jobs : jobsZhCN.jobs)
    }
  })
})
