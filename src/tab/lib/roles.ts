/** People's words for the app roles. */
import type { Role } from '../../auth/roles';

export const ROLE_LABELS: Record<Role, string> = {
  'CMOE.Member': 'Member',
  'CMOE.Chair': 'Chair',
  'CMOE.SeniorManager': 'Senior manager',
  'CMOE.Admin': 'System owner',
};

/** The role that matters most for what the user can do: "Chair", "Member", "Senior manager (read only)". */
export function roleSummary(roles: readonly Role[]): string {
  if (roles.includes('CMOE.Chair')) return 'Chair';
  if (roles.includes('CMOE.Member')) return 'Member';
  if (roles.includes('CMOE.SeniorManager')) return 'Senior manager (read only)';
  if (roles.includes('CMOE.Admin')) return 'System owner (no case access)';
  return 'No CMOE role';
}
