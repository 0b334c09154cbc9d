import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type CommandPostDb } from '../../../src/renderer/incidents/db';
import { importIncidentText } from '../../../src/renderer/incidents/exchange';
import { IncidentSessions } from '../../../src/renderer/incidents/sessions';
import { SCHEMA_VERSION, createIncidentDoc, projectIncident, renameIncident, type IncidentSnapshot } from '../../../src/shared/incident';
import { metaLines } from '../../../src/shared/report/report-parts';
import { postmortemFacts } from '../../../src/shared/report/postmortem-facts';
import { decodePostmortemJson, postmortemJson } from '../../../src/shared/report/postmortem-json';
import { FIXTURE_EXPORTED_AT, HOSTILE, HOSTILE_NAME, fixtureIncident } from '../../fixtures/postmortem/incident';

const options = { exportedAt: FIXTURE_EXPORTED_AT, exportedBy: 'Grace Hopper' };

/** What a person sees of an incident: everything the projection shows (maps and frozen objects compared by value). */
function seen(s: IncidentSnapshot) {
  return {
    header: s.header,
    timeline: s.timeline,
    org: s.org,
    plan: s.plan,
    checklist: [...s.checklist],
    status: s.status,
    postmortem: { ...s.postmortem, gathered: [...s.postmortem.gathered].sort() },
    malformed: s.malformedEntries,
  };
}

function imported(text: string): Y.Doc {
  const decoded = decodePostmortemJson(text);
  if (!decoded.ok) throw new Error(decoded.message);
  const doc = createIncidentDoc(decoded.file.incidentId);
  Y.applyUpdate(doc, decoded.file.update);
  return doc;
}

describe('the postmortem’s JSON, imported', () => {
  it('recreates the same incident: the same timeline, chart, plan, status document and postmortem, and the same file again', () => {
    const { doc } = fixtureIncident();
    const text = postmortemJson(doc, options);
    const copy = imported(text);
    expect(seen(projectIncident(copy))).toEqual(seen(projectIncident(doc)));
    expect(postmortemFacts(projectIncident(copy), FIXTURE_EXPORTED_AT)).toEqual(postmortemFacts(projectIncident(doc), FIXTURE_EXPORTED_AT));
    expect(postmortemJson(copy, options)).toBe(text);
  });

  it('recreates a renamed incident under its new name, with the names it went by before and the rename in its timeline', () => {
    const { doc, names } = fixtureIncident();
    renameIncident(doc, { to: '26-Bravo-2', reason: 'name taken by another incident on this machine' }, { actor: names.newIc, now: () => FIXTURE_EXPORTED_AT - 60_000, newId: () => 'rename-1' });
    const text = postmortemJson(doc, options);
    expect(JSON.parse(text).incident).toMatchObject({ name: '26-Bravo-2', formerNames: ['26-Bravo'] });
    const copy = projectIncident(imported(text));
    expect(copy.header).toMatchObject({ name: '26-Bravo-2', formerNames: ['26-Bravo'] });
    expect(seen(copy)).toEqual(seen(projectIncident(doc)));
    expect(metaLines(postmortemFacts(copy, FIXTURE_EXPORTED_AT), copy.postmortem, options).find((l) => l.label === 'Incident')?.value).toMatch(/^26-Bravo-2 \(formerly 26-Bravo\)/);
  });

  it('recreates an incident whose every string is hostile, as it was', () => {
    const { doc } = fixtureIncident({ say: HOSTILE, sayName: HOSTILE_NAME, incidentName: '<b>26</b><script>x</script>' });
    const text = postmortemJson(doc, options);
    expect(seen(projectIncident(imported(text)))).toEqual(seen(projectIncident(doc)));
  });

  const valid = () => JSON.parse(postmortemJson(fixtureIncident().doc, options));
  // A file is doctored field by field, wherever a test reaches into it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Doctored = Record<string, any>;
  const refusal = (mutate: (file: Doctored) => unknown) => {
    const file = valid();
    const replaced = mutate(file);
    const decoded = decodePostmortemJson(typeof replaced === 'string' ? replaced : JSON.stringify(replaced ?? file));
    return decoded.ok ? 'accepted' : decoded.message;
  };

  it('refuses what is not a postmortem file, or of another version, saying so', () => {
    expect(refusal(() => 'not json {')).toMatch(/not JSON text/);
    expect(refusal((f) => ({ ...f, format: 'command-post-incident' }))).toMatch(/does not say "command-post-postmortem"/);
    expect(refusal((f) => ({ ...f, version: 2 }))).toMatch(/newer version of Command Post \(file format 2; this version reads format 1\)/);
    expect(refusal((f) => ({ ...f, version: 'one' }))).toMatch(/a file format version this Command Post does not know/);
    expect(refusal((f) => {
      delete f.version;
    })).toMatch(/no file format version/);
    expect(refusal((f) => {
      f.record.schemaVersion = SCHEMA_VERSION + 1;
    })).toMatch(/saved by a newer version/);
  });

  it('refuses a damaged or doctored file, naming where, and accepts nothing of it', () => {
    expect(refusal((f) => {
      delete f.record;
    })).toMatch(/damaged or incomplete: .*\(at record\)/);
    expect(refusal((f) => {
      f.record.events[3].kind = 'rumour';
    })).toMatch(/an event is not one Command Post writes \(at record\.events\.3\)/);
    expect(refusal((f) => {
      f.record.events[0].name = 'Other name';
    })).toMatch(/contradicts itself/);
    expect(refusal((f) => {
      f.record.events.push({ ...f.record.events[0], id: 'second-declaration' });
    })).toMatch(/declares its incident more than once/);
    expect(refusal((f) => {
      f.record.postmortem.fields.owner = 42;
    })).toMatch(/its postmortem holds a value Command Post does not write/);
    expect(refusal((f) => {
      f.record.postmortem.actionItems.push({ id: 'x', text: 'no other fields' });
    })).toMatch(/action item Command Post does not write/);
    expect(refusal((f) => {
      f.record.status.summary = 'x'.repeat(5000);
    })).toMatch(/damaged or incomplete.*record\.status\.summary/);
    expect(refusal((f) => {
      f.incident.id = '../etc';
    })).toMatch(/\(at incident\.id\)/);
  });
});

describe('importing it on a machine', () => {
  let counter = 0;
  const db = (): CommandPostDb => openDatabase(`command-post-pm-json-${++counter}`);

  it('creates the incident when it is not there, and says so', async () => {
    const store = db();
    const { doc } = fixtureIncident();
    const outcome = await importIncidentText(new IncidentSessions(store), postmortemJson(doc, options));
    expect(outcome).toMatchObject({ ok: true, kind: 'new', incidentId: doc.guid, name: '26-Bravo' });
    const handle = new IncidentSessions(store).acquire(doc.guid);
    const session = await handle.ready;
    expect(seen(session.projection.snapshot)).toEqual(seen(projectIncident(doc)));
    handle.release();
  });

  it('changes nothing when the incident is already there, or the file is refused', async () => {
    const store = db();
    const sessions = new IncidentSessions(store);
    const { doc } = fixtureIncident();
    const text = postmortemJson(doc, options);
    await importIncidentText(sessions, text);
    const before = await store.records.toArray();
    const again = await importIncidentText(sessions, text);
    expect(again).toMatchObject({ ok: false });
    expect(again.message).toMatch(/26-Bravo is already on this machine.*import its \.cpinc incident file/);
    const broken = await importIncidentText(sessions, text.replace('"version": 1', '"version": 7'));
    expect(broken.message).toMatch(/newer version/);
    expect(await store.records.toArray()).toEqual(before);
    expect(await store.incidents.count()).toBe(1);
  });
});
