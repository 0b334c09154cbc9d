import { formatDateTime } from '../../components/format';
import { useIdentity } from '../../incidents/identity-store';
import { useSync } from '../../stores/sync';
import { useTrust } from '../../stores/trust';
import { NamePrompt } from '../identity/NamePrompt';

/**
 * In place of the entry line, for a machine that may not write the open
 * incident: why, and what to do about it. Someone who joined with an
 * invite gives their name here, and is signed in with it.
 */
export function AccessNote() {
  const access = useTrust((s) => s.access);
  const report = useTrust((s) => s.report);
  const myKey = useTrust((s) => s.myKey);
  const name = useIdentity((s) => s.name);
  const admitting = useSync((s) => !!s.share?.admission);
  if (access === 'outsider' && !name) return <NamePrompt why="Your name, so the timeline records who logged what" />;
  const me = report?.members.find((m) => m.key === myKey);
  const byName = (key: string) => report?.members.find((m) => m.key === key)?.name ?? 'a responder';
  const text =
    access === 'observer'
      ? 'You are an observer: you see the incident as it happens, and cannot write to it.'
      : access === 'removed' && me?.removed
        ? `You were removed from this incident by ${byName(me.removed.by)} at ${formatDateTime(me.removed.at)}: the others refuse what this machine writes.`
        : !myKey
          ? 'This machine cannot sign, so it reads this incident but cannot write to it (open Command Post over https or localhost, or use the desktop app).'
          : admitting
            ? 'Signing you in with the invite…'
            : 'You are not a member of this incident: you can read it. To write, ask a responder for an invite.';
  return (
    <p className="closed access-note" role="status">
      {text}
    </p>
  );
}
