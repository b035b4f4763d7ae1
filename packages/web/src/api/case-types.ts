/**
 * Answers of the investigation, contacts and 协查 endpoints. Their schemas are defined inline in
 * the server's `cases.routes.ts` (not exported by `@lianfang/contracts`); these interfaces
 * mirror them field for field.
 */

export type ContactDegree = 'close' | 'secondary'

/** One reason a candidate is proposed (core `ContactReason`, dates as ISO strings). */
export type ContactReasonJson = Readonly<Record<string, unknown>>

export interface InvestigationCandidate {
  personId: string
  name: string
  regionCode: string
  otherRegion: boolean
  degree: ContactDegree
  lastExposureAt: string
  strongest: ContactReasonJson
  reasons: ContactReasonJson[]
}

export interface Investigation {
  caseId: string
  window: { start: string; end: string }
  ruleSetVersion: string
  timeline: {
    venueId: string
    venueName: string
    kind: string
    checkedInAt: string
    checkedOutAt: string | null
  }[]
  candidates: InvestigationCandidate[]
}

export interface ContactInput {
  personId: string
  degree: ContactDegree
  lastExposureAt: string
  viaPersonId?: string
  reasons?: unknown[]
}

export interface ContactOutcome {
  personId: string
  status: 'confirmed' | 'routed' | 'rejected'
  contactId: string | null
  quarantineOrderId: string | null
  assistRequestId: string | null
  routedTo: string | null
  error: { code: string; message: string } | null
}

export interface ContactRow {
  id: string
  personId: string | null
  name: string | null
  regionCode: string
  degree: ContactDegree
  lastExposureAt: string
  reasons: unknown[]
  status: 'confirmed' | 'dismissed'
  quarantineOrderId: string | null
  otherRegion: boolean
}

export type AssistDirection = 'incoming' | 'outgoing'

export interface AssistRequest {
  id: string
  contactId: string
  personId: string | null
  fromRegion: string
  toRegion: string
  status: 'open' | 'sent' | 'acknowledged' | 'closed'
  payload: Record<string, unknown>
  createdAt: string
}
