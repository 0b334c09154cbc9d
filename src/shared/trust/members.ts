/** Removing a member, closing an invite: a responder's signed statements. A removal keeps what the member wrote so far, and refuses the rest. */
import type { Statement } from './records';
import type { Sealer } from './sealer';
import type { KeyId } from './signatures';
import type { TrustReport } from './ledger';

export async function removeMember(sealer: Sealer, report: TrustReport, member: KeyId): Promise<Statement> {
  const target = report.members.find((m) => m.key === member);
  if (!target) throw new Error('That key is not a member of this incident.');
  if (target.removed) throw new Error(`${target.name} was already removed.`);
  return sealer.state({ type: 'remove', member, heads: [...(report.heads.get(member) ?? [])].slice(0, 64) });
}

/**
 * Closes an invite: whoever it admitted stays, and nobody else gets in
 * with it (an invite seen by someone it should not have been).
 */
export async function revokeInvite(sealer: Sealer, report: TrustReport, invite: string): Promise<Statement> {
  const admitted = report.members.filter((m) => m.invite === invite).map((m) => m.key);
  return sealer.state({ type: 'revoke', invite, admitted });
}
