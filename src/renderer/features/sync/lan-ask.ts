/**
 * Asking a command post on this network to let us in, as the Join dialog
 * shows it: a small state machine (pure, so the words and the transitions
 * are unit-tested), driven by the knock (incidents/sync/lan-knock.ts).
 */
import type { KnockOutcome } from '../../incidents/sync/lan-knock';

export type AskState =
  | { readonly phase: 'idle' }
  /** Connecting, then waiting for the IC there; `code` once their screen shows the request. */
  | { readonly phase: 'asking'; readonly peerId: string; readonly name: string; readonly code: string | null }
  /** Admitted: the invite is being stored and the incident opened. */
  | { readonly phase: 'joining'; readonly peerId: string; readonly name: string }
  | { readonly phase: 'failed'; readonly peerId: string; readonly name: string; readonly message: string };

export type AskEvent =
  | { readonly type: 'ask'; readonly peerId: string; readonly name: string }
  | { readonly type: 'pending'; readonly code: string }
  | { readonly type: 'answered'; readonly outcome: KnockOutcome }
  /** Storing the admitted invite failed (unreadable, or the wrong role). */
  | { readonly type: 'join-failed'; readonly message: string }
  | { readonly type: 'dismiss' };

export const IDLE: AskState = { phase: 'idle' };

export function askReducer(state: AskState, event: AskEvent): AskState {
  switch (event.type) {
    case 'ask':
      return { phase: 'asking', peerId: event.peerId, name: event.name, code: null };
    case 'pending':
      return state.phase === 'asking' ? { ...state, code: event.code } : state;
    case 'answered': {
      if (state.phase !== 'asking') return state;
      const { peerId, name } = state;
      if (event.outcome.kind === 'admitted') return { phase: 'joining', peerId, name };
      if (event.outcome.kind === 'cancelled') return IDLE;
      return { phase: 'failed', peerId, name, message: knockFailure(event.outcome, name) };
    }
    case 'join-failed':
      return state.phase === 'joining' ? { phase: 'failed', peerId: state.peerId, name: state.name, message: event.message } : state;
    case 'dismiss':
      return IDLE;
  }
}

/** What to tell the person when asking did not get them in. */
export function knockFailure(outcome: Exclude<KnockOutcome, { kind: 'admitted' } | { kind: 'cancelled' }>, name: string): string {
  const fallback = 'You can still join with the short code or the invite the Incident Commander gives you.';
  switch (outcome.kind) {
    case 'refused':
      return `${name} did not let you in.`;
    case 'timeout':
      return `Nobody at ${name} answered in time. ${fallback}`;
    case 'unreachable':
      return `Could not reach ${name} (tried ${outcome.tried.join(', ')}). It may have stopped sharing, or a firewall may block its signaling server. ${fallback}`;
    case 'closed':
      return `The connection to ${name} closed before anyone there answered. Try again. ${fallback}`;
  }
}
