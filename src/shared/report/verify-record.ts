/**
 * Checking an exported record with no app: an incident file (.cpinc) or a
 * postmortem's JSON, read into a document and put through the same ledger
 * every Command Post runs (../trust/ledger.ts). Each entry comes back
 * verified or not, with its author, its signer and why; the fingerprint is
 * the one the postmortem's Markdown and HTML end with. `npm run verify`
 * prints this (src/main/verify/cli.ts).
 */
import * as Y from 'yjs';
import { decodeIncidentFile, type IncidentFile } from '../incident/exchange';
import { EVENT_KIND_LABELS, compareEvents, isTimelineEvent, timelineOf, type TimelineEvent } from '../incident/schema';
import { sealsOf, statementsOf } from '../trust/doc';
import { REFUSAL_PHRASES } from '../trust/files';
import { recordFingerprint } from '../trust/fingerprint';
import { TrustLedger, type Member, type Verdict } from '../trust/ledger';
import { fingerprint as keyFingerprint } from '../trust/signatures';
import { decodePostmortemJson, isPostmortemFileText } from './postmortem-json';

export interface CheckedEntry {
  readonly entry: TimelineEvent;
  readonly verdict: Verdict;
  /** The member whose key signed it, if any. */
  readonly signer: Member | null;
}

export type RecordCheck =
  | {
      readonly ok: boolean;
      readonly readable: true;
      readonly kind: 'incident file' | 'postmortem file';
      readonly name: string;
      readonly incidentId: string;
      /** 'unsigned': declared before signing existed: nothing in it can be verified. */
      readonly mode: 'signed' | 'unsigned';
      readonly entries: readonly CheckedEntry[];
      readonly members: readonly Member[];
      /** Statements that do not hold, in words. */
      readonly problems: readonly string[];
      readonly fingerprint: string | null;
    }
  | { readonly ok: false; readonly readable: false; readonly message: string };

export async function checkRecordText(text: string): Promise<RecordCheck> {
  const postmortem = isPostmortemFileText(text);
  const decoded = postmortem ? decodePostmortemJson(text) : decodeIncidentFile(text);
  if (!decoded.ok) return { ok: false, readable: false, message: decoded.message.replace(/ ?Nothing was imported\./, '') };
  return checkFile(decoded.file, postmortem ? 'postmortem file' : 'incident file');
}

async function checkFile(file: IncidentFile, kind: 'incident file' | 'postmortem file'): Promise<RecordCheck> {
  const doc = new Y.Doc({ guid: file.incidentId, gc: true });
  try {
    Y.applyUpdate(doc, file.update);
    const entries = timelineOf(doc).toArray().filter(isTimelineEvent);
    const report = await new TrustLedger(file.incidentId).assess({ statements: statementsOf(doc).toArray(), seals: sealsOf(doc).toArray(), entries });
    const members = new Map(report.members.map((m) => [m.key, m]));
    const checked = entries
      .map((entry) => {
        const verdict = report.verdicts.get(entry)!;
        return { entry, verdict, signer: (verdict.key && members.get(verdict.key)) || null };
      })
      .sort((a, b) => compareEvents(a.entry, b.entry));
    const problems: string[] = [];
    if (report.mode === 'signed' && !report.root) problems.push('The signed statement of the incident’s first member is missing: nothing in it can be verified.');
    for (const r of report.refusedStatements) {
      if (r.statement.body.type !== 'name') problems.push(`A ${r.statement.body.type} statement by key ${keyFingerprint(r.statement.key)} does not hold (${r.reason}).`);
    }
    const failed = report.mode === 'signed' && (checked.some((c) => !c.verdict.ok) || problems.length > 0);
    return {
      ok: !failed,
      readable: true,
      kind,
      name: file.name,
      incidentId: file.incidentId,
      mode: report.mode,
      entries: checked,
      members: report.members,
      problems,
      fingerprint: recordFingerprint(report),
    };
  } finally {
    doc.destroy();
  }
}

/** The check as lines of text, for a terminal: one per entry, then the members and the verdict. */
export function recordCheckLines(check: RecordCheck): string[] {
  if (!check.readable) return [`UNREADABLE  ${check.message}`];
  const lines = [`${check.kind}: ${check.name} (${check.incidentId})`];
  if (check.mode === 'unsigned') {
    lines.push('This incident was declared before Command Post signed entries: nothing in it can be verified.');
    return lines;
  }
  for (const { entry, verdict, signer } of check.entries) {
    const when = new Date(entry.at).toISOString().replace('T', ' ').slice(0, 16);
    const who = signer ? `${entry.author}${signer.name !== entry.author ? ` (signed by ${signer.name})` : ''} [${keyFingerprint(signer.key)}]` : entry.author;
    const text = entry.text.length > 72 ? `${entry.text.slice(0, 71)}…` : entry.text;
    lines.push(
      verdict.ok
        ? `verified    ${when}  ${EVENT_KIND_LABELS[entry.kind]}  ${who}: ${text}`
        : `UNVERIFIED  ${when}  ${EVENT_KIND_LABELS[entry.kind]}  ${who}: ${text}  (entry ${entry.id}: ${REFUSAL_PHRASES[verdict.reason]})`,
    );
  }
  lines.push('', 'Members:');
  for (const m of check.members) {
    lines.push(`  ${m.name} [${keyFingerprint(m.key)}] ${m.role}${m.removed ? ', removed' : ''}, ${m.machine}`);
  }
  for (const problem of check.problems) lines.push(`PROBLEM  ${problem}`);
  const failed = check.entries.filter((c) => !c.verdict.ok).length;
  lines.push(
    '',
    check.ok
      ? `All ${check.entries.length} entries verified. Record fingerprint: ${check.fingerprint}`
      : `${failed} of ${check.entries.length} entries failed verification${check.problems.length ? `, and ${check.problems.length} membership problem(s)` : ''}. Fingerprint of what verified: ${check.fingerprint ?? 'none'}`,
  );
  return lines;
}
