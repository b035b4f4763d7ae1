// Generated from the migrated schema by `npm run db:types` — do not edit.
import type { ColumnType } from 'kysely'

export type Generated<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S, I | undefined, U>
  : ColumnType<T, T | undefined, T>
export type GeneratedAlways<T> = ColumnType<T, never, never>
export type Timestamp = ColumnType<Date, Date | string, Date | string>
export type Json = ColumnType<JsonValue, string | JsonValue, string | JsonValue>
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

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

export interface Checkins {
  id: Generated<string>
  region_code: string
  venue_id: string
  person_id: string
  checked_in_at: Timestamp
  checked_out_at: Timestamp | null
  source: Generated<string>
}

export interface Households {
  id: Generated<string>
  region_code: string
  address: string
  created_at: Generated<Timestamp>
}

export interface NodeSettings {
  key: string
  value: Json
  updated_at: Generated<Timestamp>
}

export interface Persons {
  id: Generated<string>
  region_code: string
  household_id: string | null
  name: string
  sex: string
  birth_date: string | null
  phone: string | null
  id_type: string
  id_number_enc: Uint8Array
  id_number_hash: Uint8Array
  id_number_masked: string
  address: string | null
  workplace_id: string | null
  school_id: string | null
  version: Generated<number>
  created_at: Generated<Timestamp>
  updated_at: Generated<Timestamp>
}

export interface Regions {
  code: string
  parent_code: string | null
  level: string
  name: string
  name_en: string | null
  synthetic: Generated<boolean>
  created_at: Generated<Timestamp>
}

export interface SchemaMigrations {
  name: string
  applied_at: Generated<Timestamp>
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

export interface Users {
  id: GeneratedAlways<string>
  username: string
  display_name: string
  password_hash: string
  role: string
  region_code: string
  person_id: string | null
  disabled: Generated<boolean>
  failed_logins: Generated<number>
  locked_until: Timestamp | null
  created_at: Generated<Timestamp>
  updated_at: Generated<Timestamp>
}

export interface Venues {
  id: Generated<string>
  region_code: string
  kind: string
  name: string
  capacity: Generated<number>
  address: string | null
  created_at: Generated<Timestamp>
}

export interface DB {
  audit_log: AuditLog
  checkins: Checkins
  households: Households
  node_settings: NodeSettings
  persons: Persons
  regions: Regions
  schema_migrations: SchemaMigrations
  sessions: Sessions
  users: Users
  venues: Venues
}
