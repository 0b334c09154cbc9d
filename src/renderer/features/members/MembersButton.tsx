import { useTrust } from '../../stores/trust';
import { useUi } from '../../stores/ui';

const ACCESS_LABELS = { responder: 'Responder', observer: 'Observer', removed: 'Removed', outsider: 'Not a member' } as const;
const YOU_ARE = { responder: 'a responder', observer: 'an observer', removed: 'a removed member', outsider: 'not a member' } as const;

/**
 * What this machine is in the incident, and how many members it has, in the
 * header: it opens the members list. Nothing for an incident declared before
 * signing existed, which has no members.
 */
export function MembersButton() {
  const access = useTrust((s) => s.access);
  const members = useTrust((s) => s.report?.members.filter((m) => !m.removed).length ?? 0);
  if (access === 'unsigned') return null;
  return (
    <button
      type="button"
      className={`members-button access-${access}`}
      onClick={() => useUi.getState().openDialog('members')}
      aria-label={`You are ${YOU_ARE[access]}. ${members} ${members === 1 ? 'member' : 'members'}: show who`}
      title="Who may write this incident, and who admitted them"
    >
      {ACCESS_LABELS[access]} · {members} {members === 1 ? 'member' : 'members'}
    </button>
  );
}
