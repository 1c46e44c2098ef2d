/**
 * Synthetic users for `AUTH_MODE=dev` (local runs and tests). Obviously fictional: every name says it is
 * a demo, and emails use the reserved `example.org` domain. The seeder uses the same people as action
 * owners and lead professionals so "my actions" shows something for each of them.
 */
import type { Role } from './roles';

export interface DevUser {
  id: string;
  name: string;
  email: string;
  service: string;
  roles: readonly Role[];
}

export const DEV_USERS: readonly DevUser[] = [
  {
    id: 'dev-chair',
    name: 'Demo Chair (Alex Sample)',
    email: 'alex.sample@example.org',
    service: 'Education',
    roles: ['CMOE.Member', 'CMOE.Chair'],
  },
  {
    id: 'dev-member-ewo',
    name: 'Demo Member (Bea Placeholder)',
    email: 'bea.placeholder@example.org',
    service: 'Education Welfare',
    roles: ['CMOE.Member'],
  },
  {
    id: 'dev-member-send',
    name: 'Demo Member (Cal Fictional)',
    email: 'cal.fictional@example.org',
    service: 'SEND',
    roles: ['CMOE.Member'],
  },
  {
    id: 'dev-member-ss',
    name: 'Demo Member (Dee Madeup)',
    email: 'dee.madeup@example.org',
    service: 'Support and Safeguarding',
    roles: ['CMOE.Member'],
  },
  {
    id: 'dev-senior',
    name: 'Demo Senior Manager (Eli Testperson)',
    email: 'eli.testperson@example.org',
    service: "Families and Children's Services",
    roles: ['CMOE.SeniorManager'],
  },
  {
    id: 'dev-admin',
    name: 'Demo Admin (Fen Notreal)',
    email: 'fen.notreal@example.org',
    service: 'Performance and Information',
    roles: ['CMOE.Admin'],
  },
  {
    id: 'dev-norole',
    name: 'Demo No Role (Gus Outsider)',
    email: 'gus.outsider@example.org',
    service: 'Elsewhere',
    roles: [],
  },
];

export function findDevUser(id: string): DevUser | undefined {
  return DEV_USERS.find((u) => u.id === id);
}
