/**
 * The postmortem export workload (run by bench/export.mjs in Node, through
 * Vite's runner so it uses the app's own TypeScript sources): the
 * 20,000-event incident of the other benchmarks (bench/pages/long-incident.ts),
 * given a response (responders in roles, a plan, updates sent, key and
 * struck entries), ended, and its postmortem drafted with its follow-ups
 * gathered; then each export timed as the app makes it, from the live
 * snapshot to the file's text.
 */
import * as Y from 'yjs';
import {
  addObjective,
  addRole,
  assignPostmortemOwner,
  assignTask,
  checkIn,
  createIncidentDoc,
  declareEnd,
  encodeIncidentFile,
  gatherFollowups,
  projectionOf,
  schedulePostmortemMeeting,
  sendUpdate,
  setKeyEntry,
  startPostmortem,
  strikeEntry,
  type CommandContext,
} from '../src/shared/incident';
import { meetingCalendar } from '../src/shared/report/calendar';
import { activityLogCsv } from '../src/shared/report/ics214';
import { draftSections } from '../src/shared/report/postmortem-draft';
import { postmortemHtml } from '../src/shared/report/postmortem-html';
import { postmortemJson } from '../src/shared/report/postmortem-json';
import { postmortemMarkdown } from '../src/shared/report/postmortem-markdown';
import { longIncidentWriter } from './pages/long-incident';

export const FORMATS = ['markdown', 'html', 'json', 'csv', 'ics'] as const;
export const BASELINES = ['timelineJson', 'incidentFile'] as const;
type Series = (typeof FORMATS)[number] | (typeof BASELINES)[number];

export interface ExportBenchResult {
  readonly events: number;
  readonly actionItems: number;
  readonly seedMs: number;
  /** Bytes of each file, from the last sample. */
  readonly bytes: Record<Series, number>;
  /** Milliseconds, one entry per sample. */
  readonly samples: Record<Series, number[]>;
}

const PEOPLE = ['Dana', 'Ravi', 'Mei', 'Tomasz', 'Aisha', 'Lukas', 'Sofia'];

export async function seedIncident(events: number): Promise<Y.Doc> {
  const writer = longIncidentWriter();
  let doc: Y.Doc | null = null;
  const id = writer.uuid();
  doc = createIncidentDoc(id);
  await writer.write(doc, events, async () => {});
  let time = writer.now();
  let n = 0;
  const as = (actor: string): CommandContext => ({ actor, now: () => (time += 1000), newId: () => `bench-${++n}` });
  // The response the long incident's authors were part of.
  const roles = [{ kind: 'scribe' as const }, { kind: 'tech-lead' as const }, { kind: 'comms-lead' as const }, { kind: 'deputy' as const }];
  PEOPLE.slice(1).forEach((name, i) => {
    const responderId = (checkIn(doc!, { name, skills: 'SRE' }, as('Dana')).org as { responderId: string }).responderId;
    const role = roles[i];
    if (role) addRole(doc!, { role, holderId: responderId }, as('Dana'));
  });
  const objective = (addObjective(doc, 'Restore checkout in EU-West', as('Dana')).plan as { objectiveId: string }).objectiveId;
  assignTask(doc, { objectiveId: objective, text: 'Check the connection pool', owner: { kind: 'role', roleId: 'ic' }, timeboxMinutes: 10 }, as('Dana'));
  sendUpdate(doc, { audience: 'internal', template: 'first', body: 'We are investigating checkout failures.\nNext update: in 20 minutes.', nextUpdateMinutes: 20 }, as('Mei'));
  sendUpdate(doc, { audience: 'external', template: 'first', body: 'We are investigating a problem with checkout.\nNext update: in 20 minutes.', nextUpdateMinutes: 20 }, as('Mei'));
  const logged = projectionOf(doc).snapshot.timeline.filter((e) => e.kind === 'note' || e.kind === 'decision');
  for (let i = 0; i < 40; i++) setKeyEntry(doc, { eventId: logged[i * 97]!.id, key: true }, as('Ravi'));
  for (let i = 0; i < 20; i++) strikeEntry(doc, { eventId: logged[i * 131 + 5]!.id, reason: 'Logged in the wrong incident' }, as('Ravi'));
  declareEnd(doc, { summary: 'Rolled back the release; checkout works again' }, as('Dana'));
  const snapshot = projectionOf(doc).snapshot;
  startPostmortem(doc, { layout: 'pagerduty', drafts: draftSections(snapshot, time) }, as('Dana'));
  gatherFollowups(doc, as('Dana'));
  assignPostmortemOwner(doc, { owner: 'Ravi', dueDate: new Date(time + 5 * 86_400_000).toISOString().slice(0, 10) }, as('Dana'));
  schedulePostmortemMeeting(doc, { at: time + 3 * 86_400_000, minutes: 45, where: 'Room 4' }, as('Dana'));
  return doc;
}

export async function runExportBench(events: number, samples: number): Promise<ExportBenchResult> {
  const seedStart = performance.now();
  const doc = await seedIncident(events);
  const seedMs = performance.now() - seedStart;
  // The app exports from the live snapshot the projection keeps, as this does.
  const snapshot = projectionOf(doc).snapshot;
  const options = { exportedAt: Date.now(), exportedBy: 'Ravi' };
  const run: Record<Series, () => string> = {
    markdown: () => postmortemMarkdown(snapshot, options),
    html: () => postmortemHtml(snapshot, options),
    json: () => postmortemJson(doc, options, { snapshot }),
    csv: () => activityLogCsv(snapshot, options),
    ics: () => meetingCalendar({ header: snapshot.header!, postmortem: snapshot.postmortem, now: options.exportedAt, exportedBy: 'Ravi', overview: snapshot.postmortem.sections.overview.text }),
    // Floors: the same events serialized with nothing added, and the incident file the app already exports.
    timelineJson: () => JSON.stringify(snapshot.timeline),
    incidentFile: () => encodeIncidentFile(doc, options),
  };
  const series = [...FORMATS, ...BASELINES] as Series[];
  const result = Object.fromEntries(series.map((s) => [s, [] as number[]])) as Record<Series, number[]>;
  const bytes = {} as Record<Series, number>;
  for (let i = 0; i < samples; i++) {
    // Rotated each sample, so drift in the machine's speed hits every series alike.
    const order = series.map((_, k) => series[(k + i) % series.length]!);
    for (const s of order) {
      const start = performance.now();
      const text = run[s]();
      result[s].push(performance.now() - start);
      bytes[s] = text.length;
    }
  }
  return { events: snapshot.timeline.length, actionItems: snapshot.postmortem.actionItems.length, seedMs, bytes, samples: result };
}
