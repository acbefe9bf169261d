// The pure parts of the account pages ("Konton" for a redaktör, "Mitt konto" for anyone logged
// in): the audit log's order and names, and the checks a new password gets before it is sent
// (the library checks it again: model::account::check_password).

import type { AccountInfo } from '../bindings/AccountInfo';
import type { AuditEvent } from '../bindings/AuditEvent';
import type { Role } from '../bindings/Role';
import { ROLES } from './access';

/** The shortest password an account may get (model::account::MIN_PASSWORD_CHARS). */
export const MIN_PASSWORD_CHARS = 10;

/** The longest account name (model::account::MAX_NAME_CHARS). */
export const MAX_NAME_CHARS = 64;

/** The events the library writes to the audit log (crates/library/src/accounts.rs). */
export const AUDIT_EVENTS = [
  'login',
  'login_failed',
  'logout',
  'account_added',
  'role_changed',
  'account_disabled',
  'account_enabled',
  'password_reset',
  'password_changed',
] as const;

export type AuditEventName = (typeof AUDIT_EVENTS)[number];

/** An event's name for people; an event this UI does not know keeps its code. */
export function eventLabel(labels: Record<AuditEventName, string>, event: string): string {
  return (AUDIT_EVENTS as readonly string[]).includes(event) ? labels[event as AuditEventName] : event;
}

/** The log newest first, whatever order it came in. */
export function newestFirst(events: readonly AuditEvent[]): AuditEvent[] {
  return [...events].sort((a, b) => b.seq - a.seq);
}

/** Whether `value` is one of the roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What is wrong with a new password as typed (and typed again), or null. */
export function passwordProblem(password: string, repeat: string | null = null): 'short' | 'mismatch' | null {
  // Characters, not UTF-16 units: "å" is one, and so is an emoji.
  if ([...password].length < MIN_PASSWORD_CHARS) return 'short';
  if (repeat !== null && repeat !== password) return 'mismatch';
  return null;
}

/** An account name as it would be saved (trimmed), or null if it cannot be one. */
export function cleanAccountName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '' || [...trimmed].length > MAX_NAME_CHARS) return null;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(trimmed)) return null;
  return trimmed;
}

/** The accounts with one replaced (or added), kept in name order as the library sorts them. */
export function withAccount(accounts: readonly AccountInfo[], changed: AccountInfo): AccountInfo[] {
  const rest = accounts.filter((a) => a.name !== changed.name);
  return [...rest, changed].sort((a, b) =>
    a.name.localeCompare(b.name, 'sv', { sensitivity: 'base' }),
  );
}
