/**
 * Roles of DESIGN.md "Who uses it" and what each may do. The server checks a route's
 * permission and the user's region subtree on every request; the console only hides
 * what the server would refuse anyway.
 */
export const ROLES = [
  'citizen',
  'checkpoint',
  'community_worker',
  'tester',
  'lab',
  'quarantine_staff',
  'port_officer',
  'epidemiologist',
  'enterprise_admin',
  'commander',
  'admin',
] as const
export type Role = (typeof ROLES)[number]

export const PERMISSIONS = [
  'person:read',
  'person:write',
  'person:unmask',
  'region:read',
  'region:write',
  'user:read',
  'user:manage',
  'audit:read',
  'fact:declare',
  'quarantine:manage',
  'nat:enter',
  'risk:manage',
  'ruleset:manage',
  'appeal:review',
  'code:read',
  'node:keys',
  'sms:read',
  'code:verify',
  'venue:read',
  'venue:manage',
  'checkin:record',
  'case:read',
  'case:write',
  'followup:read',
  'followup:record',
  'jobs:manage',
  'keygroup:read',
  'keygroup:write',
  'keygroup:define',
  'tube:register',
  'lab:manage',
  'lab:work',
  'testalert:read',
  'sampling:read',
  'sampling:manage',
  'campaign:manage',
  'campaign:follow',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const STAFF_READING_PERSONS: readonly Role[] = [
  'community_worker',
  'tester',
  'quarantine_staff',
  'port_officer',
  'epidemiologist',
  'commander',
  'admin',
]

/** Which roles hold each permission. A citizen reads only their own record (via /api/me). */
export const ROLE_PERMISSIONS: Readonly<Record<Permission, readonly Role[]>> = {
  'person:read': STAFF_READING_PERSONS,
  'person:write': ['community_worker', 'port_officer', 'epidemiologist', 'admin'],
  'person:unmask': ['epidemiologist', 'port_officer', 'admin'],
  'region:read': ROLES.filter((r) => r !== 'citizen'),
  'region:write': ['admin'],
  'user:read': ['admin'],
  'user:manage': ['admin'],
  'audit:read': ['admin'],
  // Health codes and the facts they are computed from.
  'fact:declare': ['community_worker', 'port_officer', 'quarantine_staff', 'epidemiologist', 'admin'],
  'quarantine:manage': ['community_worker', 'quarantine_staff', 'port_officer', 'epidemiologist', 'admin'],
  'nat:enter': ['tester', 'lab', 'epidemiologist', 'admin'],
  'risk:manage': ['commander', 'admin'],
  'ruleset:manage': ['admin'],
  'appeal:review': ['community_worker', 'epidemiologist', 'commander', 'admin'],
  'code:read': STAFF_READING_PERSONS,
  // The node's signing keys: every region's codes depend on them. Held by admins, and the keys
  // service further requires the admin's region to be the node's own (LIANFANG_NODE_REGION).
  'node:keys': ['admin'],
  'sms:read': ['admin'],
  'code:verify': [
    'checkpoint',
    'community_worker',
    'port_officer',
    'quarantine_staff',
    'epidemiologist',
    'admin',
  ],
  // Entry/exit management.
  // Isolation staff record entries at their facility's gate (checkin:record), so they pick the venue.
  'venue:read': [
    'checkpoint',
    'community_worker',
    'quarantine_staff',
    'port_officer',
    'epidemiologist',
    'enterprise_admin',
    'commander',
    'admin',
  ],
  'venue:manage': ['community_worker', 'enterprise_admin', 'admin'],
  'checkin:record': ['checkpoint', 'community_worker', 'port_officer', 'quarantine_staff', 'admin'],
  // Cases and investigations.
  'case:read': ['epidemiologist', 'commander', 'admin'],
  'case:write': ['epidemiologist', 'admin'],
  // Post-discharge follow-up: the responsible community (and isolation staff) do the visits.
  'followup:read': ['community_worker', 'quarantine_staff', 'epidemiologist', 'commander', 'admin'],
  'followup:record': ['community_worker', 'quarantine_staff', 'epidemiologist', 'admin'],
  // Dead jobs of the node's jobs runtime; the route further requires a node operator.
  'jobs:manage': ['admin'],
  // 应检尽检 key groups (TEST.MUST / TEST.WILL): communities and testers follow the overdue lists;
  // communities, epidemiologists and admins import memberships and send reminders; the region's
  // health authority (epidemiologists, admins) defines local groups.
  'keygroup:read': ['community_worker', 'tester', 'epidemiologist', 'commander', 'admin'],
  'keygroup:write': ['community_worker', 'epidemiologist', 'admin'],
  'keygroup:define': ['epidemiologist', 'admin'],
  // Tubes, shipments and labs (POOL.*): testers register tubes and send them; a lab receives its
  // shipments and reports results (its staff see their lab only); admins keep the list of labs;
  // epidemiologists are alerted to positive tubes.
  'tube:register': ['tester', 'admin'],
  'lab:manage': ['admin'],
  'lab:work': ['lab', 'admin'],
  'testalert:read': ['epidemiologist', 'commander', 'admin'],
  // Sampling (#17): sites, campaigns' progress and the sampling lists are read by those who take,
  // order and follow the tests; testers and admins keep the sites and take booked samples; the
  // commander runs screening campaigns (全员检测); communities follow up who is missing.
  'sampling:read': ['community_worker', 'tester', 'quarantine_staff', 'epidemiologist', 'commander', 'admin'],
  'sampling:manage': ['tester', 'admin'],
  'campaign:manage': ['commander', 'admin'],
  'campaign:follow': ['community_worker', 'epidemiologist', 'admin'],
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[permission].includes(role)
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}
