import type { Appeal } from '@lianfang/contracts'

const appeal = (id: string, personName: string, status: Appeal['status'], statement: string): Appeal => ({
  id,
  personId: String(100 + Number(id)),
  personName,
  regionCode: '110101001',
  colour: 'yellow',
  reasons: [{ code: 'CONTACT', text: { 'zh-CN': '密切接触者', en: 'Close contact' } }],
  statement,
  status,
  decisionNote: status === 'open' ? null : '已核实',
  corrections: [],
  createdAt: `2026-12-0${id}T02:00:00.000Z`,
  decidedAt: status === 'open' ? null : `2026-12-0${id}T08:00:00.000Z`,
  facts: [{ type: 'close_contact', id: '77', summary: '与病例 #9 同住', at: '2026-11-30T10:00:00.000Z' }],
})

/** Two appeals waiting for review and one already decided. */
export const APPEALS: readonly Appeal[] = [
  appeal('1', '王小明', 'open', '那天我不在该小区，有出差记录为证。'),
  appeal('2', '李娜', 'open', '核酸已转阴，请复核。'),
  appeal('3', '赵强', 'rejected', '我没有去过风险地区。'),
]
