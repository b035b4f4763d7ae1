import type {
  GeneralContact,
  GeneralContactsSummary,
  Investigation,
  InvestigationCandidate,
} from '@lianfang/contracts'

const at = (hh: string) => `2026-12-01T${hh}:00:00.000Z`

const candidate = (
  personId: string,
  name: string,
  regionCode: string,
  lastHour: string,
): InvestigationCandidate => ({
  personId,
  name,
  regionCode,
  otherRegion: !regionCode.startsWith('11'),
  degree: 'close',
  lastExposureAt: at(lastHour),
  strongest: { rule: 'venue_overlap', venueId: '31', from: at('02'), to: at(lastHour), minutes: 45 },
  reasons: [{ rule: 'venue_overlap', venueId: '31', from: at('02'), to: at(lastHour), minutes: 45 }],
  control: null,
})

/** Case 7's investigation: one stay at a restaurant, three candidates (one of Wuhan, masked). */
export const INVESTIGATION: Investigation = {
  caseId: '7',
  window: { start: '2026-11-28T00:00:00.000Z', end: '2026-12-02T00:00:00.000Z' },
  ruleSetVersion: 'v3',
  timeline: [
    {
      venueId: '31',
      venueName: '老北京饭馆',
      kind: 'restaurant',
      checkedInAt: at('02'),
      checkedOutAt: at('03'),
    },
  ],
  candidates: [
    candidate('101', '王小明', '110101001', '03'),
    // The household member, already in isolation: shown under 同住, not offered again.
    {
      ...candidate('102', '李娜', '110102002', '03'),
      strongest: { rule: 'household', groupId: '55' },
      reasons: [{ rule: 'household', groupId: '55' }],
      control: { kind: 'quarantine', since: at('01') },
    },
    candidate('103', '张*', '420102001', '03'),
  ],
  groups: [],
}

/** One person who shared an office building with the case (a general contact). */
export const GENERAL: GeneralContact = {
  personId: '201',
  name: '赵强',
  regionCode: '110105003',
  otherRegion: false,
  lastExposureAt: at('05'),
  strongest: { rule: 'venue_copresence_general', venueId: '41', from: at('04'), to: at('05'), minutes: 60 },
  reasons: [{ rule: 'venue_copresence_general', venueId: '41', from: at('04'), to: at('05'), minutes: 60 }],
}

export const GENERAL_SUMMARY: GeneralContactsSummary = {
  caseId: '7',
  total: 1,
  byVenue: [{ venueId: '41', venueName: '国贸写字楼', kind: 'office', count: 1 }],
}
