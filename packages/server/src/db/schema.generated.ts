// Generated from the migrated schema by `npm run db:types` — do not edit.
import type { ColumnType } from 'kysely'

export type Generated<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S, I | undefined, U>
  : ColumnType<T, T | undefined, T>
export type GeneratedAlways<T> = ColumnType<T, never, never>
export type Timestamp = ColumnType<Date, Date | string, Date | string>
export type Json = ColumnType<JsonValue, string | JsonValue, string | JsonValue>
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export interface AntibodyResults {
  id: GeneratedAlways<string>
  person_id: string
  region_code: string
  sampled_at: Timestamp
  igm: 'positive' | 'negative'
  igg: 'positive' | 'negative'
  lab_name: string | null
  entered_by: string | null
  voided_at: Timestamp | null
  voided_reason: string | null
  created_at: Generated<Timestamp>
}

export interface Appeals {
  id: GeneratedAlways<string>
  person_id: string
  region_code: string
  colour: string
  reasons: Json
  statement: string
  status: Generated<'open' | 'accepted' | 'rejected'>
  decided_by: string | null
  decision_note: string | null
  corrections: Generated<Json>
  created_at: Generated<Timestamp>
  decided_at: Timestamp | null
}

export interface AssistRequests {
  id: GeneratedAlways<string>
  contact_id: string
  person_id: string
  from_region: string
  to_region: string
  status: Generated<'open' | 'sent' | 'acknowledged' | 'closed'>
  payload: Json
  created_by: string | null
  created_at: Generated<Timestamp>
}

export interface AuditLog {
  id: GeneratedAlways<string>
  at: Timestamp
  actor_user_id: string | null
  actor_name: string
  actor_role: string
  actor_region: string | null
  action: string
  target_type: string
  target_id: string | null
  reason: string | null
  details: Generated<Json>
  prev_hash: string
  hash: string
}

export interface CampaignSites {
  campaign_id: string
  site_id: string
}

export interface CampaignUnreachable {
  campaign_id: string
  person_id: string
  region_code: string
  note: string | null
  marked_by: string | null
  marked_at: Generated<Timestamp>
}

export interface CaseFollowups {
  id: GeneratedAlways<string>
  case_id: string
  person_id: string
  region_code: string
  assignee_kind: 'community' | 'hospital'
  assignee_name: string
  week: number
  window_opens_at: Timestamp
  due_at: Timestamp
  status: Generated<'due' | 'done' | 'cancelled'>
  nat_result: 'negative' | 'positive' | 'not_tested' | null
  symptoms: boolean | null
  symptoms_text: string | null
  note: string | null
  performed_at: Timestamp | null
  recorded_by: string | null
  recorded_at: Timestamp | null
  repositive: Generated<boolean>
  nat_result_id: string | null
  cancel_reason: string | null
  rule_set_version: string
  version: Generated<number>
  created_at: Generated<Timestamp>
  updated_at: Generated<Timestamp>
}

export interface CaseLinks {
  id: GeneratedAlways<string>
  from_case_id: string
  to_case_id: string
  confidence: 'confirmed' | 'probable' | 'possible'
  note: string | null
  created_by: string | null
  created_at: Generated<Timestamp>
}

export interface CaseStatusHistory {
  id: GeneratedAlways<string>
  case_id: string
  from_status: string | null
  to_status: string
  severity: string | null
  reason: string
  by_user: string | null
  at: Generated<Timestamp>
}

export interface Cases {
  id: GeneratedAlways<string>
  person_id: string
  region_code: string
  status: 'suspected' | 'confirmed' | 'asymptomatic' | 'excluded'
  severity: 'mild' | 'ordinary' | 'severe' | 'critical' | null
  origin: Generated<'local' | 'imported'>
  onset_at: Timestamp | null
  first_positive_sample_at: Timestamp | null
  isolated_at: Timestamp | null
  isolation_place: string | null
  outcome: 'discharged' | 'released' | 'died' | 'excluded' | null
  outcome_at: Timestamp | null
  reported_by: string | null
  version: Generated<number>
  created_at: Generated<Timestamp>
  updated_at: Generated<Timestamp>
  observation_ends_at: Timestamp | null
  diagnosed_at: Timestamp | null
  investigation_completed_at: Timestamp | null
  report_due_at: Timestamp
  investigation_due_at: Timestamp
}

export interface CheckinPartitionDrops {
  partition_name: string
  day: string
  rows_estimate: string | null
  dropped_at: Generated<Timestamp>
}

export interface CheckinScanIds {
  client_scan_id: string
  checked_in_at: Timestamp
}

export interface Checkins {
  id: Generated<string>
  region_code: string
  venue_id: string
  person_id: string | null
  checked_in_at: Timestamp
  checked_out_at: Timestamp | null
  source: Generated<'gate_scan' | 'self_scan' | 'proxy' | 'transport' | 'simulated'>
  client_scan_id: string | null
  direction: Generated<'in' | 'out'>
  decision: Generated<'allow' | 'deny'>
  deny_reason: string | null
  colour: 'green' | 'yellow' | 'red' | null
  resident: boolean | null
  companion_person_id: string | null
  operator_user_id: string | null
  issuer: string | null
  subject: string | null
  received_at: Generated<Timestamp>
  seat: Json | null
}

export interface ClusterAlerts {
  id: GeneratedAlways<string>
  kind: 'household' | 'workplace' | 'school' | 'venue'
  key: string
  region_code: string
  first_case_id: string
  case_ids: string[]
  first_at: Timestamp
  last_at: Timestamp
  active_until: Timestamp
  window_days: number
  min_cases: number
  rule_set_version: string
  status: Generated<'open' | 'acknowledged' | 'closed'>
  detected_at: Generated<Timestamp>
  updated_at: Generated<Timestamp>
  acknowledged_by: string | null
  acknowledged_at: Timestamp | null
  note: string | null
  closed_reason: string | null
}

export interface CodeStatusBits {
  status_index: number
  status: 'changed' | 'revoked'
  at: Generated<Timestamp>
}

export interface ColourHistory {
  id: GeneratedAlways<string>
  person_id: string
  colour: string
  previous_colour: string | null
  reasons: Json
  rule_set_version: string
  at: Timestamp
}

export interface Contacts {
  id: GeneratedAlways<string>
  case_id: string
  person_id: string
  degree: 'close' | 'secondary'
  via_person_id: string | null
  region_code: string
  last_exposure_at: Timestamp
  reasons: Generated<Json>
  status: Generated<'confirmed' | 'dismissed'>
  quarantine_order_id: string | null
  created_by: string | null
  created_at: Generated<Timestamp>
}

export interface DccSigners {
  id: GeneratedAlways<string>
  kid: string
  country: string | null
  label: string
  subject: string
  der: Uint8Array
  not_before: Timestamp
  not_after: Timestamp
  added_by: string
  added_at: Generated<Timestamp>
  removed_by: string | null
  removed_at: Timestamp | null
  removed_reason: string | null
}

export interface FeverClinicVisits {
  id: GeneratedAlways<string>
  person_id: string
  region_code: string
  visited_at: Timestamp
  hospital: string | null
  voided_at: Timestamp | null
  voided_reason: string | null
  created_at: Generated<Timestamp>
}

export interface HealthCodes {
  person_id: string
  region_code: string
  subject_id: string
  colour: 'green' | 'yellow' | 'red'
  reasons: Json
  actions: Json
  valid_until: Timestamp
  rule_set_version: string
  status_index: number
  computed_at: Timestamp
}

export interface HealthDeclarations {
  id: GeneratedAlways<string>
  person_id: string
  region_code: string
  declared_at: Timestamp
  temperature_c: string | null
  symptoms: Generated<string[]>
  source: Generated<'self' | 'staff'>
  voided_at: Timestamp | null
  voided_reason: string | null
  created_at: Generated<Timestamp>
}

export interface Households {
  id: Generated<string>
  region_code: string
  address: string
  created_at: Generated<Timestamp>
}

export interface ImportPreviews {
  id: string
  kind: string
  user_id: string
  region_code: string
  filename: string
  digest: string
  row_count: number
  valid_count: number
  rows_enc: Uint8Array | null
  created_at: Generated<Timestamp>
  expires_at: Timestamp
  confirmed_at: Timestamp | null
  inserted: number | null
}

export interface JobLeases {
  name: string
  owner: string | null
  expires_at: Generated<Timestamp>
  last_started_at: Timestamp | null
}

export interface Jobs {
  id: GeneratedAlways<string>
  topic: string
  payload: Generated<Json>
  state: Generated<'queued' | 'running' | 'done' | 'dead'>
  run_after: Generated<Timestamp>
  attempts: Generated<number>
  max_attempts: Generated<number>
  last_error: string | null
  locked_until: Timestamp | null
  locked_by: string | null
  created_at: Generated<Timestamp>
  finished_at: Timestamp | null
}

export interface KeyGroupMemberships {
  person_id: string
  grp: string
  interval_days: number | null
  region_code: string
  created_at: Generated<Timestamp>
  source: Generated<'employer_roster' | 'inpatient_record' | 'inbound' | 'quarantine_order' | 'fever_clinic' | 'staff_roster' | 'manual'>
  since: Generated<Timestamp>
  until: Timestamp | null
  unit_name: string | null
  updated_at: Generated<Timestamp>
}

export interface KeyGroupReminders {
  person_id: string
  day: string
  region_code: string
  sent_by: string | null
  created_at: Generated<Timestamp>
}

export interface KeyGroups {
  code: string
  kind: 'national' | 'local'
  region_code: string | null
  name_zh: string
  name_en: string
  interval_days: number
  created_by: string | null
  created_at: Generated<Timestamp>
}

export interface LabStaff {
  user_id: string
  lab_id: string
  added_by: string | null
  added_at: Generated<Timestamp>
}

export interface Labs {
  id: GeneratedAlways<string>
  region_code: string
  name: string
  active: Generated<boolean>
  created_at: Generated<Timestamp>
}

export interface LoginFailures {
  account_key: string
  address: string
  failures: Generated<number>
  last_failed_at: Generated<Timestamp>
  blocked_until: Timestamp | null
}

export interface NatResults {
  id: GeneratedAlways<string>
  person_id: string
  region_code: string
  sampled_at: Timestamp
  result: 'positive' | 'negative' | 'pending'
  pooled: Generated<boolean>
  lab_name: string | null
  entered_by: string | null
  voided_at: Timestamp | null
  voided_reason: string | null
  created_at: Generated<Timestamp>
  tube_id: string | null
  status_index: Generated<number>
  resulted_at: Timestamp | null
  source_issuer: string | null
  source_result_id: string | null
  source_region: string | null
  source_kid: string | null
  source_qr: string | null
}

export interface NodeSettings {
  key: string
  value: Json
  updated_at: Generated<Timestamp>
}

export interface OtpCodes {
  id: GeneratedAlways<string>
  phone: string
  purpose: 'register' | 'login'
  code_hash: string
  expires_at: Timestamp
  attempts: Generated<number>
  used_at: Timestamp | null
  created_at: Generated<Timestamp>
}

export interface Outbox {
  id: GeneratedAlways<string>
  topic: 'colour.recompute'
  person_id: string
  created_at: Generated<Timestamp>
  processed_at: Timestamp | null
}

export interface Persons {
  id: Generated<string>
  region_code: string
  household_id: string | null
  name: string
  sex: 'male' | 'female' | 'unknown'
  birth_date: string | null
  phone: string | null
  id_type: 'resident' | 'passport' | 'hk_macao_permit' | 'taiwan_permit' | 'foreign_permanent'
  id_number_enc: Uint8Array
  id_number_hash: Uint8Array
  id_number_masked: string
  address: string | null
  workplace_id: string | null
  school_id: string | null
  version: Generated<number>
  created_at: Generated<Timestamp>
  updated_at: Generated<Timestamp>
  work_unit_id: string | null
  class_unit_id: string | null
}

export interface QuarantineOrders {
  id: GeneratedAlways<string>
  person_id: string
  region_code: string
  kind: 'centralized' | 'home_isolation' | 'home_monitoring'
  reason: 'close_contact' | 'secondary_contact' | 'inbound' | 'risk_area' | 'pool_positive' | 'other'
  starts_at: Timestamp
  ends_at: Timestamp
  released_at: Timestamp | null
  note: string | null
  rule_set_version: string | null
  created_by: string | null
  voided_at: Timestamp | null
  voided_reason: string | null
  created_at: Generated<Timestamp>
}

export interface Regions {
  code: string
  parent_code: string | null
  level: 'province' | 'city' | 'district' | 'street' | 'community'
  name: string
  name_en: string | null
  synthetic: Generated<boolean>
  created_at: Generated<Timestamp>
}

export interface RiskAreaPeriods {
  id: GeneratedAlways<string>
  region_code: string
  level: 'low' | 'medium' | 'high'
  starts_at: Timestamp
  ends_at: Timestamp | null
  set_by: string | null
  created_at: Generated<Timestamp>
}

export interface RuleSets {
  id: GeneratedAlways<string>
  region_code: string
  name: string
  edition: 'FK6' | 'FK7' | 'FK8'
  version: number
  params: Json
  status: Generated<'draft' | 'published' | 'superseded'>
  created_by: string | null
  created_at: Generated<Timestamp>
  published_at: Timestamp | null
}

export interface SamplingBookings {
  id: GeneratedAlways<string>
  site_id: string
  person_id: string
  region_code: string
  slot_start: Timestamp
  code: string
  status: Generated<'booked' | 'cancelled' | 'sampled' | 'no_show'>
  sampled_at: Timestamp | null
  created_at: Generated<Timestamp>
}

export interface SamplingSites {
  id: GeneratedAlways<string>
  region_code: string
  name: string
  address: string | null
  opening_hours: Generated<Json>
  capacity_per_hour: number
  active: Generated<boolean>
  created_by: string | null
  created_at: Generated<Timestamp>
}

export interface SchemaMigrations {
  name: string
  applied_at: Generated<Timestamp>
}

export interface ScreeningCampaigns {
  id: GeneratedAlways<string>
  region_code: string
  name: string
  starts_on: string
  ends_on: string
  pool_sizes: Generated<Json>
  status: Generated<'planned' | 'running' | 'closed'>
  created_by: string | null
  created_at: Generated<Timestamp>
  closed_at: Timestamp | null
}

export interface Sessions {
  id: string
  user_id: string
  created_at: Generated<Timestamp>
  expires_at: Timestamp
  revoked_at: Timestamp | null
  ip: string | null
  user_agent: string | null
}

export interface Shipments {
  id: GeneratedAlways<string>
  code: string
  region_code: string
  site_id: string | null
  lab_id: string
  sent_by: string | null
  sent_at: Generated<Timestamp>
  received_by: string | null
  received_at: Timestamp | null
}

export interface SigningKeys {
  kid: string
  purpose: 'code' | 'root'
  issuer: string
  region_code: string
  alg: 'ES256'
  public_spki: Uint8Array
  private_enc: Uint8Array | null
  status: 'active' | 'retired' | 'revoked'
  not_before: Timestamp
  not_after: Timestamp
  created_at: Generated<Timestamp>
  retired_at: Timestamp | null
  revoked_at: Timestamp | null
}

export interface SmsOutbox {
  id: GeneratedAlways<string>
  phone: string
  body: string
  sender: string
  created_at: Generated<Timestamp>
  region_code: string | null
}

export interface TestAlerts {
  id: GeneratedAlways<string>
  region_code: string
  kind: 'pool_positive' | 'single_positive'
  tube_id: string
  members: number
  person_id: string | null
  nat_result_id: string | null
  case_id: string | null
  created_at: Generated<Timestamp>
  notified_at: Timestamp | null
  acknowledged_by: string | null
  acknowledged_at: Timestamp | null
}

export interface TestOrders {
  id: GeneratedAlways<string>
  person_id: string
  region_code: string
  reason: 'key_group' | 'quarantine_day' | 'resample' | 'campaign' | 'other'
  due_on: string
  site_id: string | null
  source: string | null
  status: Generated<'open' | 'done' | 'cancelled'>
  nat_result_id: string | null
  created_by: string | null
  created_at: Generated<Timestamp>
  done_at: Timestamp | null
}

export interface Trips {
  id: GeneratedAlways<string>
  person_id: string
  region_code: string
  place_region_code: string
  arrived_at: Timestamp
  left_at: Timestamp
  source: 'declared' | 'checkin' | 'inbound' | 'staff'
  voided_at: Timestamp | null
  voided_reason: string | null
  created_at: Generated<Timestamp>
}

export interface TubeMembers {
  tube_id: string
  person_id: string
  region_code: string
  campaign_id: string | null
  registered_at: Generated<Timestamp>
}

export interface Tubes {
  id: GeneratedAlways<string>
  barcode: string
  region_code: string
  site_id: string | null
  campaign_id: string | null
  pool_size: number
  status: Generated<'open' | 'closed' | 'shipped' | 'received' | 'resulted'>
  shipment_id: string | null
  registered_by: string | null
  registered_at: Generated<Timestamp>
  result: 'positive' | 'negative' | 'invalid' | null
  ct: Json | null
  resulted_at: Timestamp | null
  resulted_by: string | null
}

export interface Users {
  id: GeneratedAlways<string>
  username: string
  display_name: string
  password_hash: string
  role: 'citizen' | 'checkpoint' | 'community_worker' | 'tester' | 'lab' | 'quarantine_staff' | 'port_officer' | 'epidemiologist' | 'enterprise_admin' | 'commander' | 'admin'
  region_code: string
  person_id: string | null
  disabled: Generated<boolean>
  created_at: Generated<Timestamp>
  updated_at: Generated<Timestamp>
  must_change_password: Generated<boolean>
}

export interface Venues {
  id: Generated<string>
  region_code: string
  kind: 'residential_gate' | 'market' | 'supermarket' | 'restaurant' | 'office' | 'factory' | 'school' | 'hospital' | 'station' | 'bus' | 'train' | 'flight' | 'ship' | 'gym' | 'cinema' | 'hotel' | 'other'
  name: string
  capacity: Generated<number>
  address: string | null
  created_at: Generated<Timestamp>
  manager_user_id: string | null
  active: Generated<boolean>
  enclosed: boolean | null
}

export interface WorkUnits {
  id: Generated<string>
  region_code: string
  venue_id: string
  kind: 'office' | 'workshop' | 'team' | 'classroom' | 'other'
  name: string
  created_at: Generated<Timestamp>
}

export interface DB {
  antibody_results: AntibodyResults
  appeals: Appeals
  assist_requests: AssistRequests
  audit_log: AuditLog
  campaign_sites: CampaignSites
  campaign_unreachable: CampaignUnreachable
  case_followups: CaseFollowups
  case_links: CaseLinks
  case_status_history: CaseStatusHistory
  cases: Cases
  checkin_partition_drops: CheckinPartitionDrops
  checkin_scan_ids: CheckinScanIds
  checkins: Checkins
  cluster_alerts: ClusterAlerts
  code_status_bits: CodeStatusBits
  colour_history: ColourHistory
  contacts: Contacts
  dcc_signers: DccSigners
  fever_clinic_visits: FeverClinicVisits
  health_codes: HealthCodes
  health_declarations: HealthDeclarations
  households: Households
  import_previews: ImportPreviews
  job_leases: JobLeases
  jobs: Jobs
  key_group_memberships: KeyGroupMemberships
  key_group_reminders: KeyGroupReminders
  key_groups: KeyGroups
  lab_staff: LabStaff
  labs: Labs
  login_failures: LoginFailures
  nat_results: NatResults
  node_settings: NodeSettings
  otp_codes: OtpCodes
  outbox: Outbox
  persons: Persons
  quarantine_orders: QuarantineOrders
  regions: Regions
  risk_area_periods: RiskAreaPeriods
  rule_sets: RuleSets
  sampling_bookings: SamplingBookings
  sampling_sites: SamplingSites
  schema_migrations: SchemaMigrations
  screening_campaigns: ScreeningCampaigns
  sessions: Sessions
  shipments: Shipments
  signing_keys: SigningKeys
  sms_outbox: SmsOutbox
  test_alerts: TestAlerts
  test_orders: TestOrders
  trips: Trips
  tube_members: TubeMembers
  tubes: Tubes
  users: Users
  venues: Venues
  work_units: WorkUnits
}
