import type { RouteContract } from './route-contract.js'
import { AppealRoutes } from './appeals.routes.js'
import { AuditRoutes } from './audit.routes.js'
import { CheckinRoutes, PosterRoutes } from './checkins.routes.js'
import { CitizenRoutes } from './citizens.routes.js'
import { AuthRoutes, UserRoutes } from './auth.routes.js'
import { PersonRoutes } from './persons.routes.js'
import { CaseRoutes } from './cases.routes.js'
import { ChainRoutes } from './chains.routes.js'
import { FollowupRoutes } from './followups.routes.js'
import { DeclarationRoutes, HealthCodeRoutes, RuleSetRoutes } from './health-codes.routes.js'
import { KeyRoutes } from './keys.routes.js'
import { JobRoutes } from './jobs.routes.js'
import { KeyGroupRoutes } from './key-groups.routes.js'
import { QuarantineRoutes } from './quarantine.routes.js'
import { RegionRoutes } from './regions.routes.js'
import { RiskAreaRoutes } from './risk-areas.routes.js'
import { TestingRoutes } from './testing.routes.js'
import { SignedResultRoutes } from './signed-results.routes.js'
import { DccRoutes } from './dcc.routes.js'
import { ImportRoutes } from './imports.routes.js'
import { SamplingRoutes } from './sampling.routes.js'
import { LabRoutes, ShipmentRoutes, TestAlertRoutes, TubeRoutes } from './tubes.routes.js'

export * from './route-contract.js'
export {
  AppealRoutes,
  CheckinRoutes,
  CitizenRoutes,
  PosterRoutes,
  AuditRoutes,
  AuthRoutes,
  UserRoutes,
  PersonRoutes,
  CaseRoutes,
  ChainRoutes,
  FollowupRoutes,
  HealthCodeRoutes,
  DeclarationRoutes,
  RuleSetRoutes,
  KeyRoutes,
  JobRoutes,
  KeyGroupRoutes,
  QuarantineRoutes,
  RegionRoutes,
  RiskAreaRoutes,
  TestingRoutes,
  SignedResultRoutes,
  DccRoutes,
  ImportRoutes,
  SamplingRoutes,
  TubeRoutes,
  ShipmentRoutes,
  LabRoutes,
  TestAlertRoutes,
}

/**
 * Every route contract: the server must register each one as declared (proved by
 * `server/src/http/route-contracts.int.test.ts`). A new domain file adds its group here.
 */
const GROUPS: readonly Readonly<Record<string, RouteContract>>[] = [
  CheckinRoutes,
  PosterRoutes,
  CitizenRoutes,
  AuthRoutes,
  UserRoutes,
  PersonRoutes,
  QuarantineRoutes,
  TestingRoutes,
  SignedResultRoutes,
  KeyGroupRoutes,
  RiskAreaRoutes,
  FollowupRoutes,
  HealthCodeRoutes,
  DeclarationRoutes,
  RuleSetRoutes,
  KeyRoutes,
  JobRoutes,
  RegionRoutes,
  AppealRoutes,
  AuditRoutes,
  CaseRoutes,
  ChainRoutes,
  DccRoutes,
  ImportRoutes,
  SamplingRoutes,
  TubeRoutes,
  ShipmentRoutes,
  LabRoutes,
  TestAlertRoutes,
]
export const ROUTE_CONTRACTS: readonly RouteContract[] = GROUPS.flatMap((group) => Object.values(group))
