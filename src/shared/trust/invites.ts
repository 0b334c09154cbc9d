/**
 * Joining an incident: a responder makes an invite (a statement naming a
 * fresh admission key and the role it grants), and whoever holds the
 * invite proves it by signing their own key with the admission key. The
 * admission key's secret travels only inside the invite, like the room
 * secret; the statement that admits the joiner is signed by the joiner and
 * names the invite, so the members list shows who admitted whom.
 *
 * An invite admits everyone who holds it until a responder revokes it: a
 * war room shows one QR code to the people in it. Each admission is listed,
 * and a member admitted by mistake is removed.
 */
import type * as Y from 'yjs';
import { generateShareableKey, signWithSecret } from './signatures';
import { bytesToBase64Url } from '../base64';
import { statementsOf } from './doc';
import { admissionBytes, isStatement, recordHash, statementBytes, type MemberRole, type Statement } from './records';
import type { Sealer } from './sealer';

/** What an invite carries for trust: the signed invite and its admission key's secret. */
export interface Invitation {
  readonly statement: Statement;
  readonly secret: string;
}

export async function createInvitation(sealer: Sealer, role: MemberRole): Promise<Invitation> {
  const admission = await generateShareableKey();
  const statement = await sealer.state({ type: 'invite', admissionKey: admission.key, role });
  return { statement, secret: admission.secret };
}

/** The hash an admission names its invite by. */
export function invitationHash(incident: string, statement: Statement): string {
  return recordHash(statementBytes(incident, statement));
}

/** The role an invitation grants. */
export function invitationRole(invitation: Invitation): MemberRole {
  return isStatement(invitation.statement) && invitation.statement.body.type === 'invite' ? invitation.statement.body.role : 'responder';
}

async function admissionBody(doc: Y.Doc, sealer: Sealer, invitation: Invitation, name: string, machine: string) {
  if (!isStatement(invitation.statement) || invitation.statement.body.type !== 'invite') throw new Error('This invite carries no admission.');
  const invite = invitationHash(doc.guid, invitation.statement);
  const proof = bytesToBase64Url(await signWithSecret(invitation.secret, admissionBytes(doc.guid, invite, sealer.key)));
  return { type: 'admit', invite, name: name.trim(), machine: machine.trim(), proof } as const;
}

/**
 * Admits this machine's key through a responder's invitation: copies the
 * invite into the doc (a joiner may hold nothing yet) and signs the
 * admission into it.
 */
export async function acceptInvitation(doc: Y.Doc, sealer: Sealer, invitation: Invitation, name: string, machine: string): Promise<Statement> {
  const body = await admissionBody(doc, sealer, invitation, name, machine);
  const held = statementsOf(doc)
    .toArray()
    .some((s) => isStatement(s) && s.sig === invitation.statement.sig);
  if (!held) doc.transact(() => statementsOf(doc).push([invitation.statement]), sealer.origin);
  return sealer.state(body);
}

/**
 * An observer's admission, signed but not written: an observer writes
 * nothing, so it hands the invite and its admission to the responders
 * (in its sync envelopes, guard.ts), who write them.
 */
export async function signObserverAdmission(doc: Y.Doc, sealer: Sealer, invitation: Invitation, name: string, machine: string): Promise<Statement[]> {
  const body = await admissionBody(doc, sealer, invitation, name, machine);
  return [invitation.statement, await sealer.signApart(body)];
}

/** A label for this machine in the members list, from what the runtime says about itself. */
export function machineLabel(parts: readonly (string | undefined)[]): string {
  const label = parts.filter((p): p is string => !!p && !!p.trim()).join(' · ');
  return label.slice(0, 120) || 'this machine';
}

