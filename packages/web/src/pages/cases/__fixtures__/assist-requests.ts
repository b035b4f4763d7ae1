import type { AssistRequest } from '@lianfang/contracts'

const request = (
  id: string,
  fromRegion: string,
  toRegion: string,
  status: AssistRequest['status'],
): AssistRequest => ({
  id,
  contactId: String(500 + Number(id)),
  personId: String(900 + Number(id)),
  fromRegion,
  toRegion,
  status,
  payload: {
    caseId: '7',
    degree: 'close',
    lastExposureAt: `2026-12-0${id}T03:00:00.000Z`,
    reasons: [],
  },
  createdAt: `2026-12-0${id}T04:00:00.000Z`,
})

/** Three requests received from Wuhan (two open, one acknowledged) and one sent to Shanghai. */
export const INCOMING: readonly AssistRequest[] = [
  request('1', '420102', '110101', 'open'),
  request('2', '420103', '110102', 'acknowledged'),
  request('3', '420104', '110105', 'open'),
]
export const OUTGOING: readonly AssistRequest[] = [request('4', '110101', '310101', 'sent')]
