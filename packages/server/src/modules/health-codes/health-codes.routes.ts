import { can, DomainError, type Role } from '@lianfang/core'
import { DeclarationRoutes, HealthCodeRoutes, RuleSetRoutes } from '@lianfang/contracts'
import { route } from '../../http/contract-route.js'
import { scopeOfRequest, userOf, type RoutePlugin } from '../../http/route-kit.js'
import type { CodesService } from './codes.service.js'
import type { FactsService } from './facts.service.js'
import type { RuleSetsService } from './rule-sets.service.js'

export const healthCodesRoutes: RoutePlugin<{
  codes: CodesService
  facts: FactsService
  ruleSets: RuleSetsService
}> = async (app, { codes, facts, ruleSets }) => {
  // --- colours and signed codes ---
  route(app, HealthCodeRoutes.mine, async (req, reply) => {
    reply.header('cache-control', 'no-store')
    return codes.issueMine(userOf(req))
  })
  route(app, HealthCodeRoutes.verify, (req) => codes.verify(userOf(req), req.body.code))
  route(app, HealthCodeRoutes.myStatus, (req) => codes.mine(userOf(req)))
  route(app, HealthCodeRoutes.myHistory, (req) => codes.myHistory(userOf(req)))
  route(app, HealthCodeRoutes.ofPerson, (req) =>
    codes.forPerson(userOf(req), scopeOfRequest(req), req.params.id),
  )
  route(app, HealthCodeRoutes.historyOfPerson, (req) =>
    codes.historyForPerson(userOf(req), scopeOfRequest(req), req.params.id),
  )

  // --- facts ---
  route(app, DeclarationRoutes.health, (req) => facts.declareHealth(factUser(req), req.body))
  route(app, DeclarationRoutes.trip, (req) => facts.declareTrip(factUser(req), req.body))
  route(app, DeclarationRoutes.feverClinicVisit, (req) => facts.recordFeverClinicVisit(userOf(req), req.body))

  // --- rule sets ---
  route(app, RuleSetRoutes.presets, () => ruleSets.presets())
  route(app, RuleSetRoutes.list, (req) => ruleSets.list(scopeOfRequest(req), req.query.regionCode))
  route(app, RuleSetRoutes.inForce, (req) => ruleSets.inForce(scopeOfRequest(req), req.query.regionCode))
  route(app, RuleSetRoutes.create, (req) => ruleSets.create(userOf(req), scopeOfRequest(req), req.body))
  route(app, RuleSetRoutes.update, (req) =>
    ruleSets.update(userOf(req), scopeOfRequest(req), req.params.id, req.body),
  )
  route(app, RuleSetRoutes.dryRun, (req) => ruleSets.dryRun(userOf(req), scopeOfRequest(req), req.params.id))
  route(app, RuleSetRoutes.publish, (req) =>
    ruleSets.publish(userOf(req), scopeOfRequest(req), req.params.id),
  )
}

/** The user of a declaration: citizens declare for themselves; staff need fact:declare. */
function factUser(req: Parameters<typeof userOf>[0]) {
  const u = userOf(req)
  if (u.role !== 'citizen') requireFactRole(u.role)
  return u
}

function requireFactRole(role: Role): void {
  if (!can(role, 'fact:declare'))
    throw new DomainError('FORBIDDEN', `role ${role} may not declare facts for others`)
}
