/**
 * The console's composition list: one line per domain. The router (`App.tsx`), the menu
 * (`layout/navigation.ts`) and the strings (`i18n/index.ts`) are built from it, so a new domain
 * adds its folder `pages/<domain>/` with a `module.ts` and one line here.
 */
import type { WebModule } from './modules-kit/web-module'
import * as persons from './pages/persons/module'
import * as appeals from './pages/appeals/module'
import * as ruleSets from './pages/rule-sets/module'
import * as checkpoint from './pages/checkpoint/module'
import * as venues from './pages/venues/module'
import * as cases from './pages/cases/module'
import * as followups from './pages/followups/module'
import * as riskAreas from './pages/risk-areas/module'
import * as users from './pages/users/module'
import * as regions from './pages/regions/module'
import * as keys from './pages/keys/module'
import * as audit from './pages/audit/module'
import * as sms from './pages/sms/module'
import * as jobs from './pages/jobs/module'
import * as imports from './pages/imports/module'
import * as dcc from './pages/dcc/module'
import * as keyGroups from './pages/key-groups/module'
import * as sampling from './pages/sampling/module'
import * as natResults from './pages/nat-results/module'
import * as tubes from './pages/tubes/module'

/** Each entry is a `module.ts` namespace: its default export, and its `strings` if it has any. */
const ENTRIES = [
  persons,
  appeals,
  ruleSets,
  checkpoint,
  venues,
  cases,
  followups,
  riskAreas,
  users,
  regions,
  keys,
  audit,
  sms,
  jobs,
  imports,
  dcc,
  keyGroups,
  sampling,
  natResults,
  tubes,
] as const

export const WEB_MODULES: readonly WebModule[] = ENTRIES.map((entry) => entry.default)

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never

/**
 * The zh-CN strings the modules add, for the typed `t()` (`i18n/i18next.d.ts`). Read from each
 * module's `strings` export rather than its default one, so that typing a page's `t()` calls
 * never needs the type of the page itself.
 */
export type ModuleTranslations = UnionToIntersection<StringsOf<(typeof ENTRIES)[number]>>

type StringsOf<E> = E extends { strings: { 'zh-CN': infer S } } ? S : never
