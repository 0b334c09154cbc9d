/**
 * The org view's single keys and what each does with the current selection.
 * Pure, so the rules ("a" on a vacant role assigns it; on a held role, adds
 * one under it) are tested without a browser.
 */
import { IC_ROLE_ID } from '../../../shared/incident/org-schema';
import type { ChartResponder, ChartRole, OrgChart } from '../../../shared/incident/org-chart';
import { actionFor, type KeyTable, type TabKey } from '../../components/keys/key-table';
import type { OrgDialog, OrgSelection } from '../../stores/org-ui';
import type { ZoomAction } from './zoom';

export type OrgKeyAction = 'check-in' | 'assign' | 'handover' | 'move' | 'release' | 'brief' | 'details' | ZoomAction;

export const ORG_KEYS: readonly TabKey<OrgKeyAction>[] = [
  { key: 'c', action: 'check-in', label: 'check in' },
  { key: 'a', action: 'assign', label: 'assign' },
  { key: 'h', action: 'handover', label: 'hand over' },
  { key: 'm', action: 'move', label: 'move' },
  { key: 'r', action: 'release', label: 'release' },
  { key: 'b', action: 'brief', label: 'briefed' },
  // A card is a button: Enter clicks the focused one (RoleCard), so the view's keys leave it alone.
  { key: 'Enter', action: 'details', label: 'role details', onFocused: true },
  // Looking only: they act on a read-only chart too.
  { key: 'z', action: 'fit', label: 'zoom to fit', inReadOnly: true },
  { key: '+', action: 'zoom-in', aliases: ['='], label: 'zoom in', inReadOnly: true },
  { key: '-', action: 'zoom-out', label: 'zoom out', inReadOnly: true },
];

/** The org view's keys; its arrows are the chart's and the list's own (chartStep, listStep below). */
export const ORG_KEY_TABLE: KeyTable<OrgKeyAction> = {
  title: 'Org chart',
  keys: ORG_KEYS,
  moves: [
    { key: '↑ ↓', label: 'previous / next card or person' },
    { key: '←', label: 'up to the boss’s role' },
    { key: '→', label: 'down to the first role under this one' },
    { key: 'Home End', label: 'first / last' },
  ],
  moveHint: { groups: [['↑', '↓', '←', '→']], label: 'select' },
};

export function actionForKey(key: string): OrgKeyAction | null {
  return actionFor(ORG_KEY_TABLE, key);
}

export type KeyOutcome = { readonly open: OrgDialog } | { readonly hint: string } | { readonly brief: string } | { readonly zoom: ZoomAction };

interface Targets {
  readonly role: ChartRole | null;
  readonly person: ChartResponder | null;
}

/** The role and the person the selection points at: a role's holder, a person's first role. */
export function targetsOf(org: OrgChart, selection: OrgSelection): Targets {
  if (!selection) return { role: null, person: null };
  if (selection.type === 'role') {
    const role = org.roles.find((r) => r.id === selection.id) ?? null;
    const person = role?.holderId ? (org.responders.find((p) => p.id === role.holderId) ?? null) : null;
    return { role, person };
  }
  const person = org.responders.find((p) => p.id === selection.id) ?? null;
  const role = person?.roleIds[0] ? (org.roles.find((r) => r.id === person.roleIds[0]) ?? null) : null;
  return { role, person };
}

export function outcomeFor(action: OrgKeyAction, org: OrgChart, selection: OrgSelection): KeyOutcome {
  const { role, person } = targetsOf(org, selection);
  const active = person && person.status !== 'released' ? person : null;
  switch (action) {
    case 'check-in':
      return { open: { kind: 'check-in' } };
    case 'assign':
      if (selection?.type === 'person') {
        if (!active) return { hint: `${person?.name ?? 'They'} has been released: check them in again first.` };
        return { open: { kind: 'assign', responderId: active.id } };
      }
      if (role && role.id !== IC_ROLE_ID && role.holderId === null) return { open: { kind: 'assign', roleId: role.id } };
      // A held role (or the IC): add a role under it.
      return { open: { kind: 'assign', ...(role ? { parentId: role.id } : {}) } };
    case 'handover': {
      if (selection?.type === 'person' && person && !person.roleIds.length) {
        if (!active) return { hint: `${person.name} has been released: check them in again first.` };
        return { open: { kind: 'handover', toId: person.id } };
      }
      const roleId = role?.id ?? IC_ROLE_ID;
      // A handover of it is already waiting: h goes on with it, to the acknowledgement.
      const pending = org.handovers.find((h) => h.roleId === roleId && h.status === 'pending');
      if (pending) return { open: { kind: 'acknowledge', handoverId: pending.id } };
      return { open: { kind: 'handover', roleId } };
    }
    case 'move':
      if (!role) return { hint: 'Select a role on the chart (or someone who holds one) to move it.' };
      if (role.id === IC_ROLE_ID) return { hint: 'The Incident Commander is the top of the chart: select another role to move.' };
      return { open: { kind: 'move', roleId: role.id } };
    case 'release':
      if (!person) {
        return { hint: role ? `Nobody holds ${role.title} but the IC: select a person to release.` : 'Select a person to release (↑ ↓ in the responders list).' };
      }
      if (!active) return { hint: `${person.name} is already released.` };
      if (active.isIc) return { hint: `${active.name} is the Incident Commander: hand over command (h) before releasing them.` };
      return { open: { kind: 'release', responderId: active.id } };
    case 'brief':
      if (!active) return { hint: 'Select a person on duty to mark them briefed.' };
      if (active.briefed) return { hint: `${active.name} is already briefed.` };
      return { brief: active.id };
    case 'details':
      if (!role) return { hint: 'Select a role to see its duties.' };
      return { open: { kind: 'role', roleId: role.id } };
    case 'fit':
    case 'zoom-in':
    case 'zoom-out':
      return { zoom: action };
  }
}

/**
 * Arrow keys on the chart (the tree pattern): up and down through the
 * cards as they read, left to the boss's role, right to the first role
 * under this one, Home and End to the ends.
 */
export function chartStep(org: OrgChart, order: readonly string[], current: string | null, key: string): string | null {
  if (!order.length) return null;
  const i = current ? order.indexOf(current) : -1;
  if (i < 0) return ['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(key) ? order[0]! : null;
  switch (key) {
    case 'ArrowLeft':
      return org.roles.find((r) => r.id === current)?.parentId ?? current;
    case 'ArrowRight': {
      const next = order[i + 1];
      return next && org.roles.find((r) => r.id === next)?.parentId === current ? next : current;
    }
    default:
      return listStep(order, current, key);
  }
}

/** Arrow keys in a plain list: up, down, Home, End. */
export function listStep(order: readonly string[], current: string | null, key: string): string | null {
  if (!order.length) return null;
  const i = current ? order.indexOf(current) : -1;
  switch (key) {
    case 'ArrowDown':
      return order[Math.min(i + 1, order.length - 1)]!;
    case 'ArrowUp':
      return order[Math.max(i - 1, 0)]!;
    case 'Home':
      return order[0]!;
    case 'End':
      return order[order.length - 1]!;
    default:
      return null;
  }
}
