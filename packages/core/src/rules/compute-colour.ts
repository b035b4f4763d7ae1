import type { HealthFacts, KeyGroupFact, QuarantineReason } from './health-facts.js'
import { makeAction, makeReason, type Action, type Reason } from './reasons.js'
import { ruleSetVersion, type CodeColour, type RuleSet } from './rule-set.js'
import { DEFAULT_TIME_ZONE, formatLocalDateTime, localEpochDay } from '../time/civil-time.js'
import { NATIONAL_GROUP_DEFAULTS } from '../key-groups/schedule.js'

const DAY = 86_400_000
const HOUR = 3_600_000
const RANK: Record<CodeColour, number> = { green: 0, yellow: 1, red: 2 }

export interface ColourDecision {
  readonly colour: CodeColour
  readonly reasons: readonly Reason[]
  readonly actions: readonly Action[]
  /** When the colour must be recomputed at the latest, even if no fact changes. */
  readonly validUntil: Date
  /** `${ruleSet.id}@${ruleSet.version}` */
  readonly ruleSetVersion: string
}

export interface ComputeOptions {
  /**
   * The region's IANA time zone, for the dates in the texts and the local days of declarations
   * (default Asia/Shanghai).
   */
  readonly timeZone?: string
}

const worst = (a: CodeColour, b: CodeColour): CodeColour => (RANK[b] > RANK[a] ? b : a)

const QUARANTINE_REASON: Record<QuarantineReason, { zh: string; en: string }> = {
  close_contact: { zh: '密切接触者', en: 'close contact' },
  secondary_contact: { zh: '密接的密接', en: 'secondary contact' },
  inbound: { zh: '入境人员', en: 'inbound traveller' },
  risk_area: { zh: '中高风险地区来返人员', en: 'arrival from a risk area' },
  pool_positive: { zh: '混采阳性', en: 'positive pool' },
  other: { zh: '其他', en: 'other' },
}

/**
 * The health-code colour from facts, by the rule set's parameters (shared/RULES.md §A8 with the
 * periods of §A1–A3; HC.IMPL: a state machine keyed by reason, with timers). Pure: `now` comes
 * in. Every reason says why and until when; actions say what turns the code green, and when.
 */
export function computeColour(
  facts: HealthFacts,
  ruleSet: RuleSet,
  now: Date,
  options: ComputeOptions = {},
): ColourDecision {
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE
  const core = evaluate(facts, ruleSet, now, zone)
  const actions: Action[] = []
  const seen = new Set<string>()
  const add = (a: Action) => {
    if (!seen.has(a.code)) {
      seen.add(a.code)
      actions.push(a)
    }
  }
  const hc = ruleSet.params.healthCode
  for (const r of core.reasons) {
    switch (r.code) {
      case 'ACTIVE_CASE':
      case 'POSITIVE_TEST':
        add(makeAction('FOLLOW_TREATMENT', undefined))
        break
      case 'POST_DISCHARGE':
      case 'CLOSE_CONTACT':
      case 'CLOSE_CONTACT_HOME_MONITORING':
      case 'SECONDARY_CONTACT':
      case 'QUARANTINE':
      case 'HOME_MONITORING':
      case 'RISK_AREA_TRIP':
        add(makeAction('STAY_IN_QUARANTINE', undefined))
        break
      case 'POOL_POSITIVE':
        add(makeAction('TAKE_SINGLE_TUBE_TEST', undefined))
        break
      case 'FEVER_CLINIC':
      case 'TEST_OVERDUE':
        add(makeAction('TAKE_TEST', undefined))
        break
      case 'SYMPTOMS':
        add(makeAction('DECLARE_HEALTH_DAILY', undefined, { days: hc.normalDeclarationDaysToGreen }))
        break
    }
  }
  if (core.colour !== 'green' && core.reasons.every((r) => r.until !== undefined)) {
    // Every reason is timed: say when, by time alone, the colour changes and to what.
    let step = core
    for (let i = 0; i < 16 && step.nextTimer !== undefined; i++) {
      const when: Date = step.nextTimer
      step = evaluate(facts, ruleSet, when, zone)
      if (step.colour !== core.colour) {
        add(
          makeAction('WAIT_UNTIL', when, {
            until: formatLocalDateTime(when, zone),
            nextZh: { green: '绿码', yellow: '黄码', red: '红码' }[step.colour],
            nextEn: step.colour,
          }),
        )
        break
      }
    }
  }
  if (core.colour !== 'green') add(makeAction('CONTACT_COMMUNITY', undefined))
  return {
    colour: core.colour,
    reasons: core.reasons,
    actions,
    validUntil: core.validUntil,
    ruleSetVersion: ruleSetVersion(ruleSet),
  }
}

function evaluate(
  facts: HealthFacts,
  ruleSet: RuleSet,
  now: Date,
  timeZone: string,
): { colour: CodeColour; reasons: Reason[]; validUntil: Date; nextTimer: Date | undefined } {
  const params = ruleSet.params
  const hc = params.healthCode
  const t = now.getTime()
  const reasons: Reason[] = []
  const wakeups: number[] = []
  const at = (ms: number) => formatLocalDateTime(ms, timeZone)
  const timed = (
    code: Parameters<typeof makeReason>[0],
    colour: CodeColour,
    end: number,
    params: Record<string, string | number>,
  ) => {
    reasons.push(makeReason(code, colour, new Date(end), { ...params, until: at(end) }))
    wakeups.push(end)
  }
  const individual = facts.tests
    .filter((x) => !x.pooled)
    .sort((a, b) => a.sampledAt.getTime() - b.sampledAt.getTime())
  const negativeAfter = (ms: number) =>
    individual.some(
      (x) => x.result === 'negative' && x.sampledAt.getTime() > ms && x.sampledAt.getTime() <= t,
    )

  // Cases: active → red; discharged → observation period (CONF.AFTER, ASYM.AFTER).
  const liveCases = facts.cases.filter(
    (c) => !(c.excludedAt && c.excludedAt.getTime() <= t) && c.since.getTime() <= t,
  )
  for (const c of liveCases) {
    if (!c.dischargedAt || c.dischargedAt.getTime() > t) {
      reasons.push(
        makeReason('ACTIVE_CASE', hc.activeCaseColour, undefined, {
          kindZh: { suspected: '疑似病例', confirmed: '确诊病例', asymptomatic: '无症状感染者' }[c.kind],
          kindEn: {
            suspected: 'suspected case',
            confirmed: 'confirmed case',
            asymptomatic: 'asymptomatic infection',
          }[c.kind],
        }),
      )
      if (c.dischargedAt) wakeups.push(c.dischargedAt.getTime())
    } else {
      // ASYM.AFTER, CONF.AFTER: the domain's own period, one source for the order and the code.
      const days =
        c.kind === 'asymptomatic' ? params.asymptomatic.afterReleaseDays : params.confirmed.afterDischargeDays
      const end = c.dischargedAt.getTime() + days * DAY
      if (t < end) timed('POST_DISCHARGE', hc.postDischargeColour, end, {})
    }
  }

  // Contacts: observation from the last exposure (CC.OBS, CC2.OBS), FK8 "+7" home monitoring.
  for (const c of facts.contacts) {
    const start = c.lastExposure.getTime()
    if (c.degree === 'close') {
      const obsEnd = start + params.closeContact.centralizedDays * DAY
      const homeEnd = obsEnd + params.closeContact.homeMonitorDays * DAY
      if (t < obsEnd) timed('CLOSE_CONTACT', hc.isolationColour.close_contact, obsEnd, {})
      else if (t < homeEnd) timed('CLOSE_CONTACT_HOME_MONITORING', hc.homeMonitoringColour, homeEnd, {})
    } else if (params.secondaryContact.centralizedDays > 0) {
      const end = start + params.secondaryContact.centralizedDays * DAY
      if (t < end) timed('SECONDARY_CONTACT', hc.isolationColour.secondary_contact, end, {})
    }
  }

  // Quarantine orders as issued (their own start and end).
  for (const q of facts.quarantines) {
    const s = q.start.getTime()
    const e =
      q.releasedAt && q.releasedAt.getTime() < q.end.getTime() ? q.releasedAt.getTime() : q.end.getTime()
    if (t < s) {
      wakeups.push(s)
      continue
    }
    if (t >= e) continue
    const why = QUARANTINE_REASON[q.reason]
    if (q.kind === 'home_monitoring') {
      timed('HOME_MONITORING', hc.homeMonitoringColour, e, { reasonZh: why.zh, reasonEn: why.en })
    } else {
      timed('QUARANTINE', hc.isolationColour[q.reason], e, {
        kindZh: q.kind === 'centralized' ? '集中隔离医学观察' : '居家隔离医学观察',
        kindEn: q.kind === 'centralized' ? 'centralized quarantine' : 'home quarantine',
        reasonZh: why.zh,
        reasonEn: why.en,
      })
    }
  }

  // Tests: an individual positive not yet a case; a positive pool awaiting the single-tube re-test.
  // A positive sampled after the person's case was discharged (复阳, re-positive at a follow-up)
  // is not explained by that case: it counts again.
  const explained = (sampledAt: number) =>
    liveCases.some((c) => !c.dischargedAt || c.dischargedAt.getTime() > sampledAt)
  const pastIndividual = individual.filter((x) => x.sampledAt.getTime() <= t && x.result !== 'pending')
  // An unexplained positive is cleared as a suspected case is excluded (CASE.SUSPECT.EXCLUDE):
  // by `negTests` consecutive negatives after it, each ≥ `minGapHours` after the one before —
  // never by a single negative.
  const exclude = params.case.suspectExclude
  const lastPositiveAt = pastIndividual.findLastIndex((x) => x.result === 'positive')
  const lastPositive = pastIndividual[lastPositiveAt]
  if (lastPositive && !explained(lastPositive.sampledAt.getTime())) {
    const after = pastIndividual.slice(lastPositiveAt + 1)
    if (!consecutiveNegatives(after, exclude.negTests, exclude.minGapHours)) {
      reasons.push(
        makeReason('POSITIVE_TEST', hc.positiveTestColour, undefined, {
          sampled: at(lastPositive.sampledAt.getTime()),
        }),
      )
    }
  }
  const pools = facts.tests.filter((x) => x.pooled && x.result === 'positive' && x.sampledAt.getTime() <= t)
  for (const p of pools) {
    const resolved = individual.some(
      (x) =>
        x.result !== 'pending' &&
        x.sampledAt.getTime() >= p.sampledAt.getTime() &&
        x.sampledAt.getTime() <= t,
    )
    if (!resolved && !explained(p.sampledAt.getTime())) {
      reasons.push(
        makeReason('POOL_POSITIVE', hc.poolPositiveColour, undefined, { sampled: at(p.sampledAt.getTime()) }),
      )
      break
    }
  }

  // Fever clinic ("unexplained fever") until a negative test after the visit.
  // HC.ZJ.2021 gives the red no end: `feverClinicLapseDays` 0 keeps it until the negative.
  for (const v of facts.feverClinicVisits) {
    const vt = v.at.getTime()
    const lapse = hc.feverClinicLapseDays > 0 ? vt + hc.feverClinicLapseDays * DAY : undefined
    if (vt <= t && (lapse === undefined || t < lapse) && !negativeAfter(vt)) {
      reasons.push(
        makeReason('FEVER_CLINIC', hc.feverClinicColour, lapse === undefined ? undefined : new Date(lapse), {
          at: at(vt),
        }),
      )
      if (lapse !== undefined) wakeups.push(lapse)
      break
    }
  }

  // Declared symptoms (HC.HZ.YELLOW): cleared by N consecutive local days with a normal
  // declaration and none abnormal, anywhere after the last abnormal one — a missed day restarts
  // the count, it does not end it — or by a negative test sampled after it.
  const decls = facts.declarations
    .filter((d) => d.at.getTime() <= t)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
  const abnormal = (d: (typeof decls)[number]) =>
    d.symptoms.length > 0 || (d.temperatureC !== undefined && d.temperatureC >= hc.feverThresholdC)
  const lastBad = [...decls].reverse().find(abnormal)
  if (lastBad) {
    const badT = lastBad.at.getTime()
    const dayOf = (ms: number) => localEpochDay(ms, timeZone)
    const normalDays = new Set(
      decls.filter((d) => d.at.getTime() > badT && !abnormal(d)).map((d) => dayOf(d.at.getTime())),
    )
    const cleared =
      longestRun(normalDays) >= hc.normalDeclarationDaysToGreen ||
      (hc.negativeTestClearsSymptoms && negativeAfter(badT))
    if (!cleared) reasons.push(makeReason('SYMPTOMS', hc.symptomColour, undefined, { at: at(badT) }))
  }

  // Trips through medium / high risk areas (risk level at the time of the stay).
  for (const trip of facts.trips) {
    if (trip.riskLevel === 'low') continue
    const end = trip.leftAt.getTime() + hc.tripLookbackDays * DAY
    if (trip.leftAt.getTime() <= t && t < end) {
      timed('RISK_AREA_TRIP', hc.tripColour[trip.riskLevel], end, {
        region: trip.regionName,
        date: at(trip.leftAt.getTime()),
        levelZh: trip.riskLevel === 'high' ? '高' : '中',
        levelEn: trip.riskLevel,
      })
    }
  }

  // 应检尽检 schedules: overdue after the interval plus a grace period. Pooled negatives count.
  for (const g of facts.keyGroups) {
    const negatives = facts.tests.filter((x) => x.result === 'negative' && x.sampledAt.getTime() <= t)
    const last = negatives.reduce((m, x) => Math.max(m, x.sampledAt.getTime()), Number.NEGATIVE_INFINITY)
    const due = last + g.intervalDays * DAY
    const overdueAt = due + hc.overdueGraceHours * HOUR
    if (t >= overdueAt) {
      reasons.push(
        makeReason('TEST_OVERDUE', hc.overdueTestColour, undefined, {
          group: g.group,
          groupZh: groupNames(g)['zh-CN'],
          groupEn: groupNames(g).en,
          due: Number.isFinite(due) ? at(due) : '—',
        }),
      )
    } else {
      wakeups.push(overdueAt)
    }
  }

  const colour = reasons.reduce<CodeColour>((c, r) => worst(c, r.colour), 'green')
  const future = wakeups.filter((w) => w > t)
  const next = future.length > 0 ? Math.min(...future) : undefined
  // Recomputed at the next timer, and at least every greenValidHours (rule changes, sweeps).
  const validUntil = new Date(Math.min(next ?? Infinity, t + hc.greenValidHours * HOUR))
  return { colour, reasons, validUntil, nextTimer: next === undefined ? undefined : new Date(next) }
}

/** The length of the longest run of consecutive integers (local days) in `days`. */
function longestRun(days: ReadonlySet<number>): number {
  let best = 0
  for (const d of days) {
    if (days.has(d - 1)) continue
    let n = 1
    while (days.has(d + n)) n++
    best = Math.max(best, n)
  }
  return best
}

/**
 * Whether `results` (in time order, none pending) hold `need` consecutive negatives, each sampled
 * at least `gapHours` after the previous one counted (CASE.SUSPECT.EXCLUDE, CONF.DISCHARGE).
 */
export function consecutiveNegatives(
  results: readonly { readonly sampledAt: Date; readonly result: string }[],
  need: number,
  gapHours: number,
): boolean {
  if (need <= 0) return true
  let run = 0
  let lastAt = Number.NEGATIVE_INFINITY
  for (const r of results) {
    if (r.result !== 'negative') {
      run = 0
      lastAt = Number.NEGATIVE_INFINITY
      continue
    }
    const at = r.sampledAt.getTime()
    if (run === 0 || at - lastAt >= gapHours * HOUR) {
      run++
      lastAt = at
      if (run >= need) return true
    }
  }
  return false
}

/**
 * A key group's names for its TEST_OVERDUE reason: those the fact carries (local groups of
 * TEST.WILL included), else a national group's default (TEST.MUST), else a generic key group.
 */
function groupNames(g: KeyGroupFact): { readonly 'zh-CN': string; readonly en: string } {
  return (
    g.names ??
    NATIONAL_GROUP_DEFAULTS.find((d) => d.code === g.group)?.names ?? { 'zh-CN': '重点人群', en: 'key group' }
  )
}
