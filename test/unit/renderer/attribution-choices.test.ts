import { describe, expect, it } from 'vitest';
import { IC_ROLE_ID, addRole, checkIn, projectionOf, type OrgEvent } from '../../../src/shared/incident';
import { attributionChoices, describeAttribution, parseAttributionPrefix } from '../../../src/renderer/features/attribution/choices';
import { declaredIncident } from '../harness/incident';

function chartWithLeads() {
  const { doc, ctx } = declaredIncident('Ada');
  const id = (e: OrgEvent) => (e.org as { responderId: string }).responderId;
  const dana = id(checkIn(doc, { name: 'Dana' }, ctx));
  addRole(doc, { role: { kind: 'scribe' }, holderId: dana }, ctx);
  const bo = id(checkIn(doc, { name: 'Bo' }, ctx));
  addRole(doc, { role: { kind: 'tech-lead' }, holderId: bo }, ctx);
  addRole(doc, { role: { kind: 'comms-lead' } }, ctx);
  checkIn(doc, { name: 'Cy' }, ctx);
  return projectionOf(doc).snapshot.org!;
}

describe('whom the Scribe logs for', () => {
  it('offers themself first, then every held role with its holder, then the people on duty, never themself twice', () => {
    const labels = attributionChoices(chartWithLeads(), 'Dana').map((c) => c.label);
    expect(labels).toEqual(['Myself (Dana)', 'Incident Commander: Ada', 'Tech Lead: Bo', 'Ada (IC)', 'Bo (TL)', 'Cy']);
  });

  it('reads "ic>" at the start of a line as the IC from now on, "me>" as back to oneself, anything else as text', () => {
    const chart = chartWithLeads();
    expect(parseAttributionPrefix('ic> Fail over now', chart)).toEqual({ attribution: { role: IC_ROLE_ID }, rest: 'Fail over now' });
    expect(parseAttributionPrefix('TL>d: roll back', chart)?.rest).toBe('d: roll back');
    expect(parseAttributionPrefix('me> back to me', chart)).toEqual({ attribution: null, rest: 'back to me' });
    // Nobody holds Comms Lead, and "x > y" is prose: both are logged as typed.
    expect(parseAttributionPrefix('cl> Status page updated', chart)).toBeNull();
    expect(parseAttributionPrefix('latency > 30 s on db-2', chart)).toBeNull();
  });

  it('says whom in the words of the record', () => {
    const chart = chartWithLeads();
    expect(describeAttribution(null, chart, 'Dana')).toBeNull();
    expect(describeAttribution({ role: IC_ROLE_ID }, chart, 'Dana')).toBe('Ada (IC)');
    expect(describeAttribution({ person: 'bo' }, chart, 'Dana')).toBe('Bo (TL)');
    expect(describeAttribution({ person: 'Site Manager Ito' }, chart, 'Dana')).toBe('Site Manager Ito');
    // "For the IC" typed by the IC is their own entry: the line says nothing more.
    expect(describeAttribution({ role: IC_ROLE_ID }, chart, 'ada')).toBeNull();
  });
});
