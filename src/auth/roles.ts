/**
 * Entra ID app roles (the `roles` claim) and the one permission matrix that the API, the bot and the tab
 * all use (SPEC "Users and roles"). A permission check lives here and in operations, never in a route; a
 * route only names the permissions its operation checks, so they are checked (by the operations' own
 * `can`/`refuse`) before it reads what was sent (api/http.ts `authorizeFirst`).
 */
export const ROLES = ['CMOE.Member', 'CMOE.Chair', 'CMOE.SeniorManager', 'CMOE.Admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'case.read',
  'case.refer',
  'case.update',
  'case.addUpdate',
  'case.setConcern',
  'case.setStatus',
  'case.markStuck',
  'case.escalate',
  'case.close',
  'action.create',
  'action.updateOwn',
  'action.updateAny',
  'meeting.read',
  'meeting.run',
  'minutes.read',
  'minutes.publish',
  'escalation.read',
  'escalation.respond',
  'report.read',
  /** The oversight figures (issue 17): aggregates only, so every CMOE role, admins included. */
  'oversight.read',
  'settings.manage',
  'import.run',
  'export.run',
  'audit.read',
  /**
   * Issue 18: the disposal review, retention holds and approving a disposal. Admins only: the review
   * shows refs, dates and counts, never a child's name, so it fits an admin who reads no child's record.
   */
  'retention.manage',
  /** Issue 18, the disclosure log (ToR §6): record one on a case, read a case's, list everyone's. */
  'disclosure.record',
  'disclosure.read',
  'disclosure.list',
  /** Issue 18: a subject access export of everything held about one child. */
  'case.subjectAccess',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MEMBER: readonly Permission[] = [
  'case.read',
  'case.refer',
  'case.update',
  'case.addUpdate',
  'action.create',
  'action.updateOwn',
  'meeting.read',
  'minutes.read',
  'escalation.read',
  'export.run',
  'oversight.read',
  'disclosure.record',
  'disclosure.read',
];

/**
 * SPEC: members view, refer, add updates, create actions, update the actions they own; chairs add running
 * meetings, concern, stuck, escalation, closure and minutes; senior managers read cases, minutes,
 * escalations and reports, and (issue 7: "admins and senior managers can read and filter it") the audit
 * log; admins manage settings, import and the audit log but edit no case.
 *
 * Disclosures (issue 18): members and chairs record a disclosure on a case (members can update cases,
 * and a disclosure is often made between meetings); whoever reads the case reads its disclosures.
 *
 * Export (issue 9) is for whoever reads cases: members, chairs and senior managers export the list they
 * see. An admin imports but exports nothing, because an admin reads no child's record (the export
 * operation also requires `case.read`, so an admin who is also a member may export).
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  'CMOE.Member': MEMBER,
  'CMOE.Chair': [
    ...MEMBER,
    'case.setConcern',
    'case.setStatus',
    'case.markStuck',
    'case.escalate',
    'case.close',
    'action.updateAny',
    'meeting.run',
    'minutes.publish',
    'escalation.respond',
    'report.read',
    'disclosure.list',
  ],
  'CMOE.SeniorManager': [
    'case.read',
    'meeting.read',
    'minutes.read',
    'escalation.read',
    'report.read',
    'audit.read',
    'export.run',
    'oversight.read',
    'disclosure.read',
  ],
  // The oversight figures hold no child's record: an admin sees them, without drill-down to cases.
  //
  // Issue 18 (docs/data-protection.md "Who sees what"): the disclosure log's list (who got what, when, on
  // which basis; no free text) is for the chair and, as the system owner answering the DPO, the admin; the
  // admin also produces a subject access export, the one place an admin sees a child's record, because
  // answering a request is the data controller's duty, not the group's.
  'CMOE.Admin': [
    'settings.manage',
    'import.run',
    'audit.read',
    'oversight.read',
    'disclosure.list',
    'case.subjectAccess',
    'retention.manage',
  ],
};

export function permissionsFor(roles: readonly Role[]): ReadonlySet<Permission> {
  const set = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) set.add(p);
  return set;
}

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}
