/** An inject as a test writes it: any fields, to be broken at will. */
type LooseInject = { id: string; at: number; type: string; text: string } & Record<string, unknown>;

/** A small valid scenario, for each test to break in one place. */
export function sampleScenario() {
  return {
    format: 'command-post-drill',
    version: 1,
    title: 'Sample',
    summary: 'A short practice.',
    incident: { name: 'Drill Sample', severity: 'SEV-2', synopsis: 'Practice: something is slow' },
    expectations: { updateEveryMinutes: 20, timeboxes: 1, decisions: 1, handover: false, endByMinute: 30 },
    injects: <LooseInject[]>[
      { id: 'first', at: 0, type: 'message', from: 'Monitoring', text: 'Latency is up.' },
      { id: 'vp', at: 5, type: 'stakeholder', from: 'VP of Sales', text: 'Update please.' },
      { id: 'dba', at: 2, type: 'arrival', person: 'Priya Raman', skills: 'DBA', text: 'Joins.' },
    ],
  };
}
