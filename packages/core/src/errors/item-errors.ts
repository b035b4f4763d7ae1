/**
 * Codes of one item of a batch refused while the rest of the batch goes on (a scan of a
 * checkpoint's queue, a contact of a bulk confirmation). They travel in the item's answer
 * (`error.code`), not as an HTTP status, so they are not in {@link ERROR_CODES}; the console
 * names each of them in both languages (web `itemError.<CODE>`, checked by a test).
 */
export const ITEM_ERROR_CODES = [
  // scans of a checkpoint's batch
  'SCAN_IN_FUTURE',
  'SCAN_TOO_OLD',
  'SCAN_ID_REUSED',
  'VENUE_NOT_FOUND',
  'VENUE_INACTIVE',
  'SEAT_NOT_APPLICABLE',
  'CODE_REQUIRED',
  'BAD_CODE',
  'ID_REQUIRED',
  'COMPANION_NOT_FOUND',
  // a case's contacts confirmed in bulk
  'CONTACT_IS_CASE',
  'EXPOSURE_IN_FUTURE',
  'EXPOSURE_BEFORE_EPIDEMIC',
  'VIA_NOT_ALLOWED',
  'VIA_REQUIRED',
  'VIA_NOT_CLOSE_CONTACT',
  'SECONDARY_NOT_MANAGED',
] as const

export type ItemErrorCode = (typeof ITEM_ERROR_CODES)[number]
