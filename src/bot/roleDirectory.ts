/**
 * Who is clicking: the bot sees a Teams user (`from.aadObjectId`), never a token with app roles, so it
 * asks a small directory for that user's CMOE roles and builds the same `Principal` the API uses. Every
 * operation then checks permissions exactly as it does for the tab.
 *
 * - Dev (`AUTH_MODE=dev`): the synthetic `DEV_USERS`, matched by id (the Agents Playground config in the
 *   repository gives its users these ids) or by email.
 * - Production: a member list (Entra object id, name, email, roles), cached and reloaded every few
 *   minutes. It is read from a JSON file today (`BOT_MEMBERS_FILE`); the same loader can later read the
 *   app's role assignments from Graph (`GET /servicePrincipals/{id}/appRoleAssignedTo`, expanding groups).
 *   A user missing from the list has no role, and gets nothing.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DEV_USERS } from '../auth/devUsers';
import { type Principal, makePrincipal } from '../auth/principal';
import { ROLES, type Role } from '../auth/roles';
import type { Person } from '../domain/types';

/** The Teams user as an activity names them. */
export interface TeamsUser {
  /** Entra object id: the key. */
  aadObjectId?: string;
  /** The channel's user id (29:...), used only when there is no object id (local tools). */
  id?: string;
  name?: string;
}

export interface RoleDirectory {
  /** The user's principal: roles empty (nothing allowed) when the directory does not know them. */
  principalFor(user: TeamsUser): Promise<Principal>;
  /** People holding `role` (the chairs, for @mentions). */
  holders(role: Role): Promise<Person[]>;
}

export const memberSchema = z.object({
  id: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  roles: z.array(z.enum(ROLES)).max(ROLES.length),
});
export type Member = z.infer<typeof memberSchema>;

function keyOf(user: TeamsUser): string {
  return (user.aadObjectId ?? user.id ?? '').trim().toLowerCase();
}

/** A principal with no role, for someone the directory does not know: operations refuse and audit. */
function stranger(user: TeamsUser): Principal {
  return makePrincipal({
    id: keyOf(user) || 'unknown',
    name: 'Unknown user',
    email: 'unknown@invalid',
    roles: [],
  });
}

/**
 * A directory over a member list, reloaded when older than `ttlMs` (or never, for a fixed list). A failed
 * reload keeps the last good list; with none, everyone is unknown (so nobody gains a role by an outage).
 */
export class MemberListDirectory implements RoleDirectory {
  private members: Member[] = [];
  private loadedAt = -Infinity;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly load: () => Promise<readonly Member[]>,
    private readonly ttlMs = 5 * 60_000,
    /** Elapsed time for the TTL, on the monotonic clock (a cache age, never a date). */
    private readonly clock: () => number = () => performance.now(),
    private readonly onLoadError: (e: unknown) => void = () => undefined,
  ) {}

  private async current(): Promise<Member[]> {
    if (this.clock() - this.loadedAt >= this.ttlMs) {
      this.loading ??= this.load()
        .then((list) => {
          this.members = z.array(memberSchema).parse(list);
          this.loadedAt = this.clock();
        })
        .catch((e: unknown) => this.onLoadError(e))
        .finally(() => {
          this.loading = null;
        });
      await this.loading;
    }
    return this.members;
  }

  async principalFor(user: TeamsUser): Promise<Principal> {
    const key = keyOf(user);
    const found = key ? (await this.current()).find((m) => m.id.toLowerCase() === key) : undefined;
    return found ? makePrincipal(found) : stranger(user);
  }

  async holders(role: Role): Promise<Person[]> {
    return (await this.current())
      .filter((m) => m.roles.includes(role))
      .map((m) => ({ id: m.id, name: m.name, email: m.email }));
  }
}

/** `AUTH_MODE=dev`: the synthetic users, by id or by email (the Playground sends both). */
export class DevRoleDirectory implements RoleDirectory {
  private readonly list = new MemberListDirectory(
    async () => DEV_USERS.map((u) => ({ id: u.id, name: u.name, email: u.email, roles: [...u.roles] })),
    Infinity,
  );

  async principalFor(user: TeamsUser & { email?: string }): Promise<Principal> {
    const byId = await this.list.principalFor(user);
    if (byId.roles.length > 0 || !user.email) return byId;
    const email = user.email.toLowerCase();
    const dev = DEV_USERS.find((u) => u.email.toLowerCase() === email);
    return dev ? makePrincipal(dev) : byId;
  }

  holders(role: Role): Promise<Person[]> {
    return this.list.holders(role);
  }
}

/** Production member list from a JSON file: `[{ "id": "<entra object id>", "name", "email", "roles": [...] }]`. */
export function memberFileDirectory(
  path: string,
  ttlMs?: number,
  onLoadError?: (e: unknown) => void,
): RoleDirectory {
  return new MemberListDirectory(
    async () => z.array(memberSchema).parse(JSON.parse(await readFile(path, 'utf8'))),
    ttlMs,
    () => performance.now(),
    onLoadError,
  );
}
