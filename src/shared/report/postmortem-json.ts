/**
 * The postmortem as JSON ("command-post-postmortem", version 1): a file
 * other tools can read, with a documented schema (zod here; the JSON Schema
 * generated from it is docs/postmortem-file.schema.json), and one Command
 * Post can import to recreate the same incident.
 *
 * It has four parts:
 *
 * - `incident`, `postmortem` and `report`: what a reader (or a tool
 *   filing tickets, a dashboard) wants, with ISO 8601 UTC times: the
 *   header, the owner, due date, meeting, every section's text, the action
 *   items, and the facts (responders with their roles, the timeline with
 *   key events marked and struck entries left out, decisions, updates).
 * - `record`: the incident exactly as Command Post keeps it: every
 *   timeline event as stored (times in ms since 1970-01-01 UTC), the ticked
 *   duties, the status document and the postmortem's own values, and for
 *   a signed incident every signature (members' statements and entries'
 *   seals), so `npm run verify` can check every entry with no app. Import
 *   reads only this part; the others are derived from it.
 *
 * Importing builds the incident's document from the record, then puts it
 * through every check an incident file (.cpinc) gets (exchange.ts), so a
 * file Command Post would not have written is refused with a message and
 * changes nothing. It recreates an incident that is not on this machine;
 * copies of one incident are merged with .cpinc files, which carry the
 * document's own history (a rebuilt document would duplicate its text).
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { MAX_EVENT_TEXT, MAX_NAME, MAX_PERSON, MAX_SYNOPSIS } from '../incident/commands';
import { decodeIncidentFile, encodeIncidentFile, MAX_INCIDENT_FILE_BYTES, tooLargeMessage, type IncidentFile } from '../incident/exchange';
import {
  POSTMORTEM_FIELDS,
  POSTMORTEM_LAYOUTS,
  POSTMORTEM_SECTIONS,
  POSTMORTEM_STATUSES,
  POSTMORTEM_TEXT_MAX,
  actionItemsOf,
  isActionItem,
  postmortemMapOf,
  postmortemTextOf,
  type PostmortemSection,
} from '../incident/postmortem-schema';
import { projectIncident, type IncidentSnapshot } from '../incident/projection';
import { SCHEMA_VERSION, byline, checklistOf, isChecklistTick, isTimelineEvent, metaOf, timelineOf, type TimelineEvent } from '../incident/schema';
import { STATUS_PHASES, STATUS_TEXT_FIELDS, STATUS_TEXT_MAX, UPDATE_AUDIENCES, UPDATE_TEMPLATES, isStatusPhase, statusMapOf, statusTextOf } from '../incident/status-schema';
import { SEVERITIES } from '../ics/severity';
import { postmortemFacts, type PostmortemFacts } from './postmortem-facts';
import type { ExportOptions } from './report-parts';
import { sealsOf, statementsOf } from '../trust/doc';
import type { Seal, Statement } from '../trust/records';

export const POSTMORTEM_FILE_FORMAT = 'command-post-postmortem';
export const POSTMORTEM_FILE_VERSION = 1;
export const JSON_MIME = 'application/json';

const iso = (at: number) => new Date(at).toISOString();

// ---- the schema -----------------------------------------------------------------

const Iso = z.string().max(40).describe('A time in ISO 8601, UTC ("2026-03-14T09:30:00.000Z").');
const Ms = z.number().finite().describe('A time in milliseconds since 1970-01-01 UTC.');
const Person = z.string().max(MAX_PERSON).describe('A person, by the name they gave.');
const Severity = z.enum(SEVERITIES);
const Section = z.enum(POSTMORTEM_SECTIONS);
const Ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('A calendar date, YYYY-MM-DD.');

/** A timeline event as Command Post stores it; its kind decides its other fields (src/shared/incident/schema.ts). */
const StoredEvent = z
  .object({
    id: z.string().min(1).max(100),
    kind: z.string().describe('note, decision, action, status, followup, impact (logged by people); declared, severity, renamed, link, ended, org, plan, update, phase, amend (written by the app).'),
    at: Ms.describe('When it happened.'),
    loggedAt: Ms.describe('When it was written down.'),
    author: Person,
    text: z.string().max(MAX_EVENT_TEXT + 100).describe('What happened, in a line (the entry as logged).'),
  })
  .loose()
  .refine((e) => isTimelineEvent(e), { message: 'an event is not one Command Post writes' })
  .describe('A timeline event, exactly as stored.');

export const PostmortemFileSchema = z
  .object({
    format: z.literal(POSTMORTEM_FILE_FORMAT),
    version: z.literal(POSTMORTEM_FILE_VERSION),
    exportedAt: Iso,
    exportedBy: Person,
    incident: z.object({
      id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
      name: z.string().max(MAX_NAME),
      formerNames: z.array(z.string().max(MAX_NAME)).optional().describe('The names it went by before it was renamed, oldest first; absent when it never was.'),
      synopsis: z.string().max(MAX_SYNOPSIS),
      drill: z.boolean(),
      severity: Severity.describe('At the end (or now, while active).'),
      worstSeverity: Severity,
      declaredAt: Iso,
      declaredBy: Person,
      endedAt: Iso.nullable(),
      endedBy: Person.nullable(),
      durationMinutes: z.number().min(0),
      severities: z.array(z.object({ severity: Severity, from: Iso, to: Iso })).describe('Time at each severity, in order.'),
      phases: z
        .array(z.object({ phase: z.enum(STATUS_PHASES), from: Iso, to: Iso }))
        .optional()
        .describe('Time in each phase of the status document, in order, from its logged changes (files from before phases were logged have none).'),
    }),
    postmortem: z.object({
      layout: z.enum(POSTMORTEM_LAYOUTS),
      status: z.enum(POSTMORTEM_STATUSES),
      owner: Person.nullable().describe('One person, never a team.'),
      dueDate: Ymd.nullable(),
      where: z.string().max(300).describe('Where the postmortem is shared.'),
      followupsWhere: z.string().max(300).describe('Where the follow-ups are tracked.'),
      meeting: z.object({ start: Iso, minutes: z.number().int(), where: z.string().max(300) }).nullable(),
      sections: z.record(Section, z.string().max(POSTMORTEM_TEXT_MAX)).describe('Every narrative section, as written.'),
      actionItems: z.array(z.object({ text: z.string(), owner: Person, dueDate: Ymd.nullable(), done: z.boolean(), fromFollowup: z.boolean() })),
    }),
    report: z
      .object({
        responders: z.array(
          z.object({
            name: Person,
            team: z.string(),
            checkedInAt: Iso.nullable(),
            releasedAt: Iso.nullable(),
            roles: z.array(z.object({ title: z.string(), from: Iso, to: Iso.nullable() })),
            reportsTo: z
              .array(z.object({ lead: Person, leadRole: z.string(), from: Iso, to: Iso.nullable() }))
              .describe('Whom they reported to and when, from the org chart at each moment; empty for the IC and for whoever held no role.'),
            entries: z.number().int(),
          }),
        ),
        timeline: z.array(z.object({ at: Iso, kind: z.string(), label: z.string(), text: z.string(), author: z.string(), key: z.boolean(), milestone: z.boolean() })),
        struckEntries: z.number().int().describe('Entries struck through in the timeline, left out of `timeline`.'),
        decisions: z.array(z.object({ at: Iso, text: z.string(), by: Person, outcome: z.enum(['adopted', 'withdrawn', 'open', 'logged']), objections: z.array(z.string()), note: z.string() })),
        updates: z.array(z.object({ at: Iso, audience: z.enum(UPDATE_AUDIENCES), stage: z.enum(UPDATE_TEMPLATES), author: z.string(), body: z.string(), nextAt: Iso.nullable() })),
      })
      .describe('Facts derived from the record, for readers; import ignores them.'),
    record: z
      .object({
        schemaVersion: z.number().int().min(1).describe('The incident document schema it was written with.'),
        events: z.array(StoredEvent).min(1),
        checklist: z.record(z.string().max(200), z.object({ done: z.boolean(), by: Person, at: Ms })).describe('"<roleId>/<itemId>" → the latest tick of that duty.'),
        status: z.object({
          phase: z.enum(STATUS_PHASES).nullable(),
          impactSince: Ms.nullable(),
          editedBy: Person.nullable(),
          editedAt: Ms.nullable(),
          summary: z.string().max(STATUS_TEXT_MAX.summary),
          impact: z.string().max(STATUS_TEXT_MAX.impact),
          eta: z.string().max(STATUS_TEXT_MAX.eta),
        }),
        postmortem: z.object({
          fields: z.record(z.string().max(40), z.unknown()).describe('The postmortem map as stored (src/shared/incident/postmortem-schema.ts).'),
          actionItems: z.array(z.unknown()).describe('Every action item as stored, removed ones included.'),
          sections: z.record(Section, z.string().max(POSTMORTEM_TEXT_MAX)),
        }),
        signatures: z
          .object({
            statements: z.array(z.unknown()).max(100_000).describe('Signed statements of membership (src/shared/trust/records.ts).'),
            seals: z.array(z.unknown()).max(1_000_000).describe('Each entry’s signature, with its signer’s key and the hash of that signer’s previous record.'),
          })
          .optional()
          .describe('Absent for an incident declared before Command Post signed entries.'),
        withheld: z.array(StoredEvent).optional().describe('Entries the exporting machine held but refused (unsigned, forged, by an observer): kept so the record can be checked whole.'),
      })
      .describe('The incident exactly as Command Post keeps it: what import reads.'),
  })
  .describe('A Command Post postmortem, with the incident it is about.');

export type PostmortemFileJson = z.infer<typeof PostmortemFileSchema>;

/** The JSON Schema of the file, for other tools (docs/postmortem-file.schema.json is this, written out). */
export function postmortemJsonSchema(): unknown {
  return z.toJSONSchema(PostmortemFileSchema, { io: 'input', unrepresentable: 'any' });
}

// ---- writing --------------------------------------------------------------------

const byKey = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The file's text. `given` passes what the caller already has: the doc's live snapshot, the facts. */
export function postmortemJson(doc: Y.Doc, options: ExportOptions, given: { snapshot?: IncidentSnapshot; facts?: PostmortemFacts } = {}): string {
  const snapshot = given.snapshot ?? projectIncident(doc);
  const header = snapshot.header;
  if (!header) throw new Error('Only a declared incident can be exported.');
  const f = given.facts ?? postmortemFacts(snapshot, options.exportedAt);
  const pm = snapshot.postmortem;
  const status = snapshot.status;
  const sections = Object.fromEntries(POSTMORTEM_SECTIONS.map((s) => [s, pm.sections[s].text])) as Record<PostmortemSection, string>;
  const statusMap = statusMapOf(doc);
  const file: PostmortemFileJson = {
    format: POSTMORTEM_FILE_FORMAT,
    version: POSTMORTEM_FILE_VERSION,
    exportedAt: iso(options.exportedAt),
    exportedBy: options.exportedBy.slice(0, MAX_PERSON),
    incident: {
      id: header.id,
      name: header.name,
      ...(header.formerNames ? { formerNames: [...header.formerNames] } : {}),
      synopsis: header.synopsis,
      drill: header.drill,
      severity: header.severity,
      worstSeverity: f.incident.worstSeverity,
      declaredAt: iso(header.declaredAt),
      declaredBy: header.declaredBy,
      endedAt: header.endedAt === null ? null : iso(header.endedAt),
      endedBy: header.endedBy,
      durationMinutes: Math.round(f.incident.durationMs / 60_000),
      severities: f.incident.severities.map((p) => ({ severity: p.severity, from: iso(p.from), to: iso(p.to) })),
      phases: f.incident.phases.map((p) => ({ phase: p.phase, from: iso(p.from), to: iso(p.to) })),
    },
    postmortem: {
      layout: pm.layout,
      status: pm.status,
      owner: pm.owner,
      dueDate: pm.dueDate,
      where: pm.where,
      followupsWhere: pm.followupsWhere,
      meeting: pm.meeting ? { start: iso(pm.meeting.at), minutes: pm.meeting.minutes, where: pm.meeting.where } : null,
      sections,
      actionItems: pm.actionItems.map((a) => ({ text: a.text, owner: a.owner, dueDate: a.dueDate, done: a.done, fromFollowup: a.sourceId !== null })),
    },
    report: {
      responders: f.responders.map((r) => ({
        name: r.name,
        team: r.team,
        checkedInAt: r.checkedInAt === null ? null : iso(r.checkedInAt),
        releasedAt: r.releasedAt === null ? null : iso(r.releasedAt),
        roles: r.roles.map((x) => ({ title: x.title, from: iso(x.from), to: x.to === null ? null : iso(x.to) })),
        reportsTo: r.reportsTo.map((l) => ({ lead: l.lead, leadRole: l.leadRole, from: iso(l.from), to: l.to === null ? null : iso(l.to) })),
        entries: r.entries,
      })),
      timeline: f.timeline.map((t) => ({ at: iso(t.at), kind: t.kind, label: t.label, text: t.text, author: t.author, key: t.key, milestone: t.milestone })),
      struckEntries: f.struck,
      decisions: f.decisions.map((d) => ({ at: iso(d.at), text: d.text, by: d.by, outcome: d.outcome, objections: [...d.objections], note: d.note })),
      updates: f.updates.map((u) => ({ at: iso(u.at), audience: u.audience, stage: u.template, author: byline(u), body: u.body, nextAt: u.nextAt === null ? null : iso(u.nextAt) })),
    },
    record: {
      schemaVersion: typeof metaOf(doc).get('schemaVersion') === 'number' ? (metaOf(doc).get('schemaVersion') as number) : SCHEMA_VERSION,
      events: snapshot.timeline.toArray() as TimelineEvent[] as PostmortemFileJson['record']['events'],
      checklist: Object.fromEntries(byKey(checklistOf(doc).entries()).filter(([, t]) => isChecklistTick(t))),
      status: {
        phase: isStatusPhase(statusMap.get('phase')) ? status.phase : null,
        impactSince: status.impactSince,
        editedBy: status.editedBy,
        editedAt: status.editedAt,
        summary: status.summary.text,
        impact: status.impact.text,
        eta: status.eta.text,
      },
      postmortem: {
        fields: Object.fromEntries(byKey(postmortemMapOf(doc).entries()).filter(([k, v]) => POSTMORTEM_FIELDS[k]?.(v))),
        actionItems: byKey(actionItemsOf(doc).entries())
          .filter(([k, v]) => isActionItem(v, k))
          .map(([, v]) => v),
        sections,
      },
      ...signaturesOf(doc, snapshot),
    },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A signed incident's signatures, and the entries its machine refused (which chains may pass through). */
function signaturesOf(doc: Y.Doc, snapshot: IncidentSnapshot): Pick<PostmortemFileJson['record'], 'signatures' | 'withheld'> {
  const statements = statementsOf(doc).toArray();
  if (!statements.length) return {};
  return {
    signatures: { statements, seals: sealsOf(doc).toArray() },
    ...(snapshot.withheld.length ? { withheld: snapshot.withheld as TimelineEvent[] as PostmortemFileJson['record']['events'] } : {}),
  };
}

// ---- reading --------------------------------------------------------------------

export type PostmortemDecodeResult = { readonly ok: true; readonly file: IncidentFile } | { readonly ok: false; readonly message: string };

const fail = (message: string): PostmortemDecodeResult => ({ ok: false, message });

/** Whether a text looks like a postmortem file (as opposed to an incident file), without reading all of it. */
export function isPostmortemFileText(text: string): boolean {
  return /"format"\s*:\s*"command-post-postmortem"/.test(text.slice(0, 200));
}

/**
 * Reads a postmortem file into the incident it records, as an incident
 * file (the same checks, the same import). Refuses, with what is wrong, a
 * file that is not JSON, not a postmortem file, of another version, or
 * that holds anything Command Post would not have written.
 */
export function decodePostmortemJson(text: string): PostmortemDecodeResult {
  if (text.length > MAX_INCIDENT_FILE_BYTES) return fail(tooLargeMessage(text.length));
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return fail('This is not a Command Post postmortem file: it is not JSON text. Nothing was imported.');
  }
  const head = z.object({ format: z.unknown().optional(), version: z.unknown().optional() }).safeParse(raw);
  if (!head.success || head.data.format !== POSTMORTEM_FILE_FORMAT) {
    return fail('This is not a Command Post postmortem file (it does not say "command-post-postmortem"). Nothing was imported.');
  }
  const version = head.data.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > POSTMORTEM_FILE_VERSION) {
    return fail(
      `This postmortem file was written by a newer version of Command Post (file format ${version}; this version reads format ${POSTMORTEM_FILE_VERSION}). Update Command Post on this machine to import it.`,
    );
  }
  if (version !== POSTMORTEM_FILE_VERSION) {
    const what = version === undefined ? 'no file format version' : 'a file format version this Command Post does not know';
    return fail(`This postmortem file has ${what}, so it cannot be read. Nothing was imported.`);
  }
  const parsed = PostmortemFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
    return fail(`This postmortem file is damaged or incomplete: ${issue?.message ?? 'a field is not valid'}${where}. Nothing was imported.`);
  }
  const data = parsed.data;
  if (data.record.schemaVersion > SCHEMA_VERSION) {
    return fail('This incident was saved by a newer version of Command Post. Update Command Post on this machine to import it.');
  }
  const doc = new Y.Doc({ guid: data.incident.id, gc: true });
  try {
    build(doc, data);
    const header = projectIncident(doc).header;
    if (!header || header.name !== data.incident.name || iso(header.declaredAt) !== data.incident.declaredAt) {
      return fail('This postmortem file contradicts itself: its incident is not the one its events declare. Nothing was imported.');
    }
    // The same checks as an incident file, on the document it builds.
    const decoded = decodeIncidentFile(encodeIncidentFile(doc, { exportedAt: Date.parse(data.exportedAt) || 0, exportedBy: data.exportedBy }));
    if (!decoded.ok) return fail(decoded.message.replace(/incident file/g, 'postmortem file'));
    return { ok: true, file: decoded.file };
  } catch (error) {
    return fail(`This postmortem file cannot be read: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.`);
  } finally {
    doc.destroy();
  }
}

/** Writes the record into an empty document, as the commands would have left it. */
function build(doc: Y.Doc, data: PostmortemFileJson): void {
  const r = data.record;
  doc.transact(() => {
    metaOf(doc).set('schemaVersion', r.schemaVersion);
    metaOf(doc).set('incidentId', data.incident.id);
    timelineOf(doc).push(r.events.map((e) => ({ ...e }) as TimelineEvent));
    if (r.withheld?.length) timelineOf(doc).push(r.withheld.map((e) => ({ ...e }) as TimelineEvent));
    if (r.signatures) {
      statementsOf(doc).push(r.signatures.statements as Statement[]);
      sealsOf(doc).push(r.signatures.seals as Seal[]);
    }
    for (const [key, tick] of Object.entries(r.checklist)) checklistOf(doc).set(key, { done: tick.done, by: tick.by, at: tick.at });
    const status = statusMapOf(doc);
    if (r.status.phase !== null) status.set('phase', r.status.phase);
    if (r.status.impactSince !== null) status.set('impactSince', r.status.impactSince);
    if (r.status.editedBy !== null) status.set('editedBy', r.status.editedBy);
    if (r.status.editedAt !== null) status.set('editedAt', r.status.editedAt);
    for (const field of STATUS_TEXT_FIELDS) if (r.status[field]) statusTextOf(doc, field).insert(0, r.status[field]);
    const pm = postmortemMapOf(doc);
    for (const [key, value] of Object.entries(r.postmortem.fields)) pm.set(key, value);
    const items = actionItemsOf(doc);
    for (const item of r.postmortem.actionItems) {
      const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
      items.set(typeof id === 'string' && id ? id : `item-${items.size}`, item);
    }
    for (const section of POSTMORTEM_SECTIONS) {
      const text = r.postmortem.sections[section];
      if (text) postmortemTextOf(doc, section).insert(0, text);
    }
  });
}
