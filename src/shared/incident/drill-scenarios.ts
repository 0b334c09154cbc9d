/**
 * The scenarios Command Post ships, written from the lessons of ICS
 * training (executive pressure and too-frequent updates, working with part
 * of the network gone, span of control and explicit handover), not from any
 * real outage. They are files in the scenario format, checked at load by the
 * same validator as a file opened by hand, so they can serve as examples.
 */
import databaseOutage from './drill-scenarios/database-outage.json';
import securityNetwork from './drill-scenarios/security-network.json';
import multiTeam from './drill-scenarios/multi-team-infrastructure.json';
import { checkScenario, type Scenario } from './drill-scenario';

export interface BuiltInScenario {
  readonly key: string;
  readonly scenario: Scenario;
}

function builtIn(key: string, value: unknown): BuiltInScenario {
  const result = checkScenario(value);
  // A shipped scenario that fails its own format is a bug in this repository, found by its unit test.
  if (!result.ok) throw new Error(`Built-in scenario ${key}: ${result.message}`);
  return { key, scenario: result.scenario };
}

export const BUILT_IN_SCENARIOS: readonly BuiltInScenario[] = [
  builtIn('database-outage', databaseOutage),
  builtIn('security-network', securityNetwork),
  builtIn('multi-team-infrastructure', multiTeam),
];
