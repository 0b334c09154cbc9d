/**
 * The public status as Statuspage-style JSON, read back with JSON.parse and
 * checked against a strict zod schema of Statuspage's incident shape (so a
 * field that is not in it, internal or not, fails), then for what it says:
 * the status by phase, the impact by severity, the external updates only,
 * newest first, each under the status it was sent in, and nothing of what
 * stayed inside the response.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectionOf, type IncidentSnapshot } from '../../../src/shared/incident';
import { componentNames, STATUSPAGE_SCHEMA, statuspageJson } from '../../../src/shared/report/statuspage';
import { FIXTURE_EXPORTED_AT, HOSTILE, HOSTILE_NAME, fixtureIncident } from '../../fixtures/postmortem/incident';

const iso = z.iso.datetime();
const status = z.enum(['investigating', 'identified', 'monitoring', 'resolved']);

/** Atlassian Statuspage's incident, as far as a public status says it; strict, so nothing else can ride along. */
const StatuspageFile = z.strictObject({
  schema: z.literal(STATUSPAGE_SCHEMA),
  schema_version: z.literal(1),
  drill: z.boolean(),
  exported_at: iso,
  incident: z.strictObject({
    name: z.string().min(1),
    status,
    impact: z.enum(['none', 'minor', 'major', 'critical']),
    created_at: iso,
    started_at: iso,
    updated_at: iso,
    monitoring_at: iso.nullable(),
    resolved_at: iso.nullable(),
    components: z.array(z.strictObject({ name: z.string().min(1), status: z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']) })),
    incident_updates: z.array(z.strictObject({ status, body: z.string(), created_at: iso, display_at: iso })),
  }),
});

const read = (snapshot: IncidentSnapshot, components: string[] = []) => StatuspageFile.parse(JSON.parse(statuspageJson(snapshot, { exportedAt: FIXTURE_EXPORTED_AT, components })));

describe('the public status as Statuspage JSON', () => {
  const snapshot = projectionOf(fixtureIncident().doc).snapshot;

  it('has the incident shape: status by phase, impact by severity, the times of each', () => {
    const { incident, drill, exported_at } = read(snapshot);
    expect(drill).toBe(false);
    expect(exported_at).toBe('2026-03-16T08:00:00.000Z');
    expect(incident).toMatchObject({
      name: '26-Bravo',
      status: 'resolved',
      impact: 'critical',
      created_at: '2026-03-14T09:30:00.000Z',
      started_at: '2026-03-14T09:18:00.000Z',
      monitoring_at: '2026-03-14T10:00:00.000Z',
    });
    expect(Date.parse(incident.resolved_at!)).toBeGreaterThan(Date.parse(incident.monitoring_at!));
  });

  it('holds the external updates only, newest first, word for word, each under the status it was sent in', () => {
    const external = snapshot.timeline.toArray().filter((e) => e.kind === 'update' && e.audience === 'external');
    const { incident } = read(snapshot);
    expect(incident.incident_updates.map((u) => u.body)).toEqual(external.map((e) => (e.kind === 'update' ? e.body : '')).reverse());
    expect(incident.incident_updates.map((u) => u.status)).toEqual(['monitoring', 'investigating']);
  });

  it('leaks nothing said inside the response: internal updates, the document, responders, the incident id', () => {
    const text = statuspageJson(snapshot, { exportedAt: FIXTURE_EXPORTED_AT, components: [] });
    for (const secret of ['We are investigating checkout failures in the EU', '26-Bravo is over', 'primary database is saturated', 'Ada Lovelace', 'Mo Comms', 'Jo Kim', snapshot.incidentId, 'Restore checkout in the EU']) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('puts the named components at the status the severity and phase give them', () => {
    expect(read(snapshot, ['Checkout API', 'EU storefront']).incident.components).toEqual([
      { name: 'Checkout API', status: 'operational' },
      { name: 'EU storefront', status: 'operational' },
    ]);
    const live: IncidentSnapshot = { ...snapshot, status: { ...snapshot.status, phase: 'mitigating' } };
    expect(read(live, ['Checkout API']).incident).toMatchObject({ status: 'identified', resolved_at: null, monitoring_at: null, components: [{ name: 'Checkout API', status: 'major_outage' }] });
  });

  it('reads the typed component names, and says what to change when they cannot be', () => {
    expect(componentNames(' Checkout API \n\nEU storefront, Checkout API\n')).toEqual(['Checkout API', 'EU storefront']);
    expect(() => componentNames('x'.repeat(101))).toThrow(/longer than 100 characters/);
    expect(() => componentNames(Array.from({ length: 51 }, (_, i) => `c${i}`).join('\n'))).toThrow(/more than 50/);
  });

  it('a drill says so at the top and in its name', () => {
    const drill: IncidentSnapshot = { ...snapshot, header: { ...snapshot.header!, drill: true } };
    const file = read(drill);
    expect(file.drill).toBe(true);
    expect(file.incident.name).toBe('[DRILL] 26-Bravo');
  });

  it('hostile text stays a string: the JSON parses, and the bodies come back as sent', () => {
    const hostile = projectionOf(fixtureIncident({ say: HOSTILE, sayName: HOSTILE_NAME, incidentName: '"},"x":1' }).doc).snapshot;
    const file = read(hostile, ['<b>Checkout</b> "API"']);
    expect(file.incident.name).toBe('"},"x":1');
    expect(file.incident.components[0]!.name).toBe('<b>Checkout</b> "API"');
    expect(file.incident.incident_updates[0]!.body).toBe(HOSTILE('A fix is in place.\nNext update: in 30 minutes.'));
  });
});
