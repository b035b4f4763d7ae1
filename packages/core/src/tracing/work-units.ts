/**
 * Work units and school classes (RULES.md CC.SETTINGS 4): the guidance makes close contacts of
 * the people "in the same office, workshop, team (班组) … or classroom" as the case — not of the
 * whole employer or school. A unit belongs to one employer or school (a venue), and a person
 * belongs to at most one work unit and one class.
 */

/** The kinds of unit, exactly as the `work_units.kind` CHECK constraint lists them. */
export const WORK_UNIT_KINDS = ['office', 'workshop', 'team', 'classroom', 'other'] as const
export type WorkUnitKind = (typeof WORK_UNIT_KINDS)[number]

/**
 * Above this many members a unit is unlikely to be the room or team the guidance means (a team is
 * about 5–40 people, a class 30–50): the investigation still lists every member, and flags the
 * group so the investigator asks the employer or school which team or room the case was really in.
 * A judgement of ours, not a number from the protocol.
 */
export const LARGE_UNIT_MEMBERS = 100

/** Whether a unit of `members` people (the case included) is to be checked with the employer. */
export function isLargeUnit(members: number): boolean {
  return members > LARGE_UNIT_MEMBERS
}
