import {
  DEFAULT_EDITION,
  DomainError,
  EDITIONS,
  RULE_SET_PRESETS,
  regionPrefix,
  type Edition,
  type RuleSet,
} from '@lianfang/core'
import type { CreateRuleSetBody, DryRunResult, RuleSetRecord, UpdateRuleSetBody } from '@lianfang/contracts'
import type { Database } from '../../db/database.js'
import type { AuditService } from '../../audit/audit.service.js'
import type { SessionUser } from '../../auth/session-user.js'
import type { Scope } from '../../auth/scope.js'
import { requireRegion, type Executor } from '../../db/kit.js'
import type { ColourService } from './colour.service.js'
import { ancestry, RuleSetsRepository, toRuleSet, type RuleSetRow } from './rule-sets.repository.js'

function record(row: RuleSetRow): RuleSetRecord {
  return {
    id: row.id,
    regionCode: row.region_code,
    name: row.name,
    edition: row.edition as Edition,
    version: row.version,
    status: row.status as RuleSetRecord['status'],
    params: row.params as RuleSetRecord['params'],
    createdAt: row.created_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
  }
}

const DRY_RUN_BATCH = 2000

/**
 * Rule sets as versioned data per region: an admin drafts one (from an edition preset),
 * edits its parameters, runs it dry against the region's population (who would change
 * colour), and publishes it; publishing recomputes every colour in the region's subtree.
 */
export class RuleSetsService {
  private readonly repo = new RuleSetsRepository()

  constructor(
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly colours: ColourService,
  ) {}

  presets(): RuleSetRecord[] {
    return EDITIONS.map((e) => {
      const p = RULE_SET_PRESETS[e]
      return {
        id: p.id,
        regionCode: null,
        name: `${e} preset`,
        edition: e,
        version: p.version,
        status: 'preset',
        params: p.params as RuleSetRecord['params'],
        createdAt: null,
        publishedAt: null,
      }
    })
  }

  /** Rule sets of the user's region, its ancestors (in force from above) and its subtree. */
  async list(scope: Scope, regionCode: string | undefined): Promise<RuleSetRecord[]> {
    const region = regionCode ?? scope.regionCode
    scope.assert(region, `region ${region}`)
    const rows = await this.repo.list(this.database.db, scope, region, regionPrefix(region))
    return rows.map(record)
  }

  /** The rule set in force for a region (published, nearest up the tree; else the FK8 preset). */
  async inForce(scope: Scope, regionCode: string | undefined): Promise<RuleSetRecord> {
    const region = regionCode ?? scope.regionCode
    scope.assert(region, `region ${region}`)
    const chain = ancestry(region)
    const published = await this.repo.publishedFor(this.database.db, chain)
    const nearest = chain.map((c) => published.find((r) => r.region_code === c)).find((r) => r !== undefined)
    if (nearest) return record(nearest)
    const preset = RULE_SET_PRESETS[DEFAULT_EDITION]
    return this.presets().find((p) => p.id === preset.id) ?? (this.presets()[2] as RuleSetRecord)
  }

  /** The rule set if in scope; NOT_FOUND if there is none, OUT_OF_SCOPE if it is another region's. */
  private async findInScope(db: Executor, scope: Scope, id: string): Promise<RuleSetRow> {
    const row = await this.repo.find(db, scope, id)
    if (row) return row
    const other = await this.repo.regionOf(db, id)
    if (!other) throw new DomainError('NOT_FOUND', `rule set ${id} does not exist`)
    scope.assert(other.region_code, `rule set ${id}`)
    throw new DomainError('NOT_FOUND', `rule set ${id} does not exist`)
  }

  async create(user: SessionUser, scope: Scope, body: CreateRuleSetBody): Promise<RuleSetRecord> {
    scope.assert(body.regionCode, `region ${body.regionCode}`)
    const params = body.params ?? RULE_SET_PRESETS[body.edition].params
    return this.database.db.transaction().execute(async (tx) => {
      await requireRegion(tx, body.regionCode)
      const version = await this.repo.nextVersion(tx, body.regionCode)
      const row = await this.repo.insert(tx, {
        region_code: body.regionCode,
        name: body.name,
        edition: body.edition,
        version,
        params: JSON.stringify(params),
        created_by: user.id,
      })
      await this.audit.append(tx, user, {
        action: 'ruleset.create',
        targetType: 'rule_set',
        targetId: row.id,
        details: { version },
      })
      return record(row)
    })
  }

  async update(user: SessionUser, scope: Scope, id: string, body: UpdateRuleSetBody): Promise<RuleSetRecord> {
    return this.database.db.transaction().execute(async (tx) => {
      const row = await this.findInScope(tx, scope, id)
      if (row.status !== 'draft')
        throw new DomainError(
          'CONFLICT',
          `rule set ${id} is ${row.status}; only drafts can be edited — create a new version`,
        )
      const updated = await this.repo.update(tx, id, body.params, body.name)
      await this.audit.append(tx, user, { action: 'ruleset.update', targetType: 'rule_set', targetId: id })
      return record(updated)
    })
  }

  /**
   * Who would change colour if this rule set were in force now: every person of its region's
   * subtree that has any fact or a non-green colour (others are green under any rule set).
   */
  async dryRun(user: SessionUser, scope: Scope, id: string): Promise<DryRunResult> {
    const db = this.database.db
    const row = await this.findInScope(db, scope, id)
    const candidate: RuleSet = toRuleSet(row)
    const subjects = {
      rows: await this.repo.dryRunSubjects(
        db,
        regionPrefix(row.region_code),
        this.colours.sources.hasFacts(),
      ),
    }
    const transitions = new Map<string, number>()
    const persons: DryRunResult['persons'] = []
    let changed = 0
    for (let i = 0; i < subjects.rows.length; i += DRY_RUN_BATCH) {
      const batch = subjects.rows.slice(i, i + DRY_RUN_BATCH)
      const decisions = await this.colours.evaluate(
        db,
        batch.map((p) => ({ id: p.id, regionCode: p.region_code })),
        () => candidate,
      )
      for (const p of batch) {
        const to = decisions.get(p.id)?.colour ?? 'green'
        const from = (p.colour ?? 'green') as typeof to
        if (from === to) continue
        changed++
        transitions.set(`${from}>${to}`, (transitions.get(`${from}>${to}`) ?? 0) + 1)
        if (persons.length < 500)
          persons.push({ personId: p.id, name: p.name, regionCode: p.region_code, from, to })
      }
    }
    await this.audit.record(user, {
      action: 'ruleset.dry_run',
      targetType: 'rule_set',
      targetId: id,
      details: { evaluated: subjects.rows.length, changed },
    })
    return {
      ruleSet: `${candidate.id}@${candidate.version}`,
      evaluated: subjects.rows.length,
      changed,
      transitions: [...transitions].map(([k, count]) => {
        const [from, to] = k.split('>') as [
          DryRunResult['transitions'][number]['from'],
          DryRunResult['transitions'][number]['to'],
        ]
        return { from, to, count }
      }),
      persons,
    }
  }

  /** Publishes a draft (superseding the region's previous one) and recomputes the subtree. */
  async publish(user: SessionUser, scope: Scope, id: string): Promise<RuleSetRecord> {
    const published = await this.database.db.transaction().execute(async (tx) => {
      const row = await this.findInScope(tx, scope, id)
      if (row.status !== 'draft') throw new DomainError('CONFLICT', `rule set ${id} is already ${row.status}`)
      await this.repo.supersedePublished(tx, row.region_code)
      const updated = await this.repo.publish(tx, id)
      await this.audit.append(tx, user, {
        action: 'ruleset.publish',
        targetType: 'rule_set',
        targetId: id,
        details: { version: row.version },
      })
      await this.colours.enqueueWhere(tx, this.repo.codesUnder(regionPrefix(row.region_code)))
      return record(updated)
    })
    return published
  }
}
