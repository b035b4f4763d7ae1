/**
 * Static types of contract schemas that `@lianfang/contracts` exports as schemas only. They are
 * derived, never written by hand, so they follow the contracts.
 */
import type { Static } from '@sinclair/typebox'
import type {
  AppealPage as AppealPageSchema,
  AppealQuery as AppealQuerySchema,
  CasePage as CasePageSchema,
  CitizenRegistered as CitizenRegisteredSchema,
  ColourHistoryEntry as ColourHistoryEntrySchema,
  CorrectionSchema,
  QuarantineKindSchema,
  QuarantineReasonSchema,
  ReasonSchema,
  RiskLevelSchema,
  RuleSetParamsSchema,
  SmsMessage as SmsMessageSchema,
  SmsPage as SmsPageSchema,
  VenueCode as VenueCodeSchema,
  VenuePage as VenuePageSchema,
} from '@lianfang/contracts'

export type AppealPage = Static<typeof AppealPageSchema>
export type AppealQuery = Static<typeof AppealQuerySchema>
export type CasePage = Static<typeof CasePageSchema>
export type AppealStatus = NonNullable<AppealQuery['status']>
export type CitizenRegistered = Static<typeof CitizenRegisteredSchema>
export type ColourHistoryEntry = Static<typeof ColourHistoryEntrySchema>
export type Correction = Static<typeof CorrectionSchema>
export type CorrectionType = Correction['type']
export type QuarantineKind = Static<typeof QuarantineKindSchema>
export type QuarantineReason = Static<typeof QuarantineReasonSchema>
export type Reason = Static<typeof ReasonSchema>
export type RiskLevel = Static<typeof RiskLevelSchema>
export type RuleSetParams = Static<typeof RuleSetParamsSchema>
export type SmsMessage = Static<typeof SmsMessageSchema>
export type SmsPage = Static<typeof SmsPageSchema>
/** The answer to `POST /api/citizen/otp`. */
export interface OtpSent {
  ok: true
  expiresInSeconds: number
}

export type VenuePage = Static<typeof VenuePageSchema>
export type VenueCode = Static<typeof VenueCodeSchema>
