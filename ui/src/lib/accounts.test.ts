import { describe, expect, it } from 'vitest';

import type { AccountInfo } from '../bindings/AccountInfo';
import type { AuditEvent } from '../bindings/AuditEvent';
import {
  AUDIT_EVENTS,
  cleanAccountName,
  eventLabel,
  isRole,
  newestFirst,
  passwordProblem,
  withAccount,
} from './accounts';
import { en } from './i18n/en';
import { sv } from './i18n/sv';

const event = (seq: number, name = 'login'): AuditEvent => ({
  seq,
  at: '2025-05-01T10:00:00Z',
  actor: 'Anna',
  event: name,
  detail: '',
  address: '127.0.0.1',
});

describe('the audit log', () => {
  it('names every event the library writes, in Swedish and in English', () => {
    expect(AUDIT_EVENTS.map((e) => eventLabel(sv.auditEvents, e))).toEqual([
      'Inloggning',
      'Misslyckad inloggning',
      'Utloggning',
      'Konto tillagt',
      'Ny roll',
      'Konto avstängt',
      'Konto aktiverat',
      'Lösenord återställt',
      'Lösenord bytt',
    ]);
    expect(eventLabel(en.auditEvents, 'login_failed')).toBe('Failed login');
    for (const labels of [sv.auditEvents, en.auditEvents]) {
      expect(Object.keys(labels).sort()).toEqual([...AUDIT_EVENTS].sort());
    }
  });

  it('keeps the code of an event it does not know', () => {
    expect(eventLabel(sv.auditEvents, 'session_expired')).toBe('session_expired');
    expect(eventLabel(sv.auditEvents, 'toString')).toBe('toString');
  });

  it('is shown newest first', () => {
    expect(newestFirst([event(2), event(9), event(5)]).map((e) => e.seq)).toEqual([9, 5, 2]);
  });
});

describe('accounts', () => {
  it('have one of the four roles', () => {
    expect(['läsare', 'skribent', 'granskare', 'redaktör'].every(isRole)).toBe(true);
    expect(isRole('redaktor')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it('want a new password of at least 10 characters, typed the same twice', () => {
    expect(passwordProblem('kort')).toBe('short');
    expect(passwordProblem('123456789')).toBe('short');
    expect(passwordProblem('1234567890')).toBeNull();
    // Characters, not UTF-16 units.
    expect(passwordProblem('åäöåäöåäö😀')).toBeNull();
    expect(passwordProblem('😀😀😀😀😀')).toBe('short');
    expect(passwordProblem('1234567890', '1234567890')).toBeNull();
    expect(passwordProblem('1234567890', '1234567891')).toBe('mismatch');
  });

  it('have a name of 1–64 characters without control characters', () => {
    expect(cleanAccountName('  Anna Andersson ')).toBe('Anna Andersson');
    expect(cleanAccountName('   ')).toBeNull();
    expect(cleanAccountName('a'.repeat(64))).toBe('a'.repeat(64));
    expect(cleanAccountName('a'.repeat(65))).toBeNull();
    expect(cleanAccountName('An\u0007na')).toBeNull();
  });

  it('stay in name order when one changes or is added', () => {
    const account = (name: string, role: AccountInfo['role'] = 'skribent'): AccountInfo => ({
      name,
      role,
      disabled: false,
      created_at: '2025-01-01T00:00:00Z',
    });
    const list = [account('Anna'), account('Örjan')];
    expect(withAccount(list, account('bertil')).map((a) => a.name)).toEqual(['Anna', 'bertil', 'Örjan']);
    const changed = withAccount(list, account('Anna', 'granskare'));
    expect(changed.map((a) => [a.name, a.role])).toEqual([
      ['Anna', 'granskare'],
      ['Örjan', 'skribent'],
    ]);
  });
});
