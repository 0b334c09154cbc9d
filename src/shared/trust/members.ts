/** Removing a member: a responder's signed statement that keeps what they wrote so far, and refuses the rest. */
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
