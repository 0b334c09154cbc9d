import { useState } from 'react';
import { MAX_SCENARIO_BYTES, parseScenarioFile, type Scenario } from '../../../shared/incident/drill-scenario';
import { BUILT_IN_SCENARIOS } from '../../../shared/incident/drill-scenarios';
import { DRILL_SPEEDS, type DrillSpeed } from '../../../shared/incident/drill-schema';
import { FormError } from '../../components/FormError';

/** What a drill plays: a scenario (or none, for free practice) and the speed its clock starts at. */
export interface DrillPlay {
  readonly scenario: Scenario | null;
  readonly speed: DrillSpeed;
  /** Why the file chosen cannot be played; the drill is not started while there is one. */
  readonly problem: string | null;
}

export const FREE_PRACTICE: DrillPlay = { scenario: null, speed: 1, problem: null };

const FROM_FILE = 'file';

/**
 * The declare dialog's choice of scenario for a drill: none, a built-in one
 * or a file. A file is read and checked here, before anything is declared,
 * so a malformed one is refused with why and nothing is stored. Choosing a
 * scenario fills in its incident's name, severity and synopsis. `refused`:
 * the drill was started with a scenario that cannot be played.
 */
export function ScenarioPicker({ play, onChange, refused }: { play: DrillPlay; onChange: (play: DrillPlay) => void; refused: boolean }) {
  const [choice, setChoice] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);

  function choose(value: string) {
    setChoice(value);
    setFileName(null);
    const built = BUILT_IN_SCENARIOS.find((s) => s.key === value);
    onChange({ ...play, scenario: built?.scenario ?? null, problem: value === FROM_FILE ? 'Choose the scenario file.' : null });
  }

  async function read(file: File | undefined) {
    if (!file) return;
    setFileName(file.name);
    // Refused before reading: a file many times a scenario's size is not one.
    if (file.size > MAX_SCENARIO_BYTES) {
      onChange({ ...play, scenario: null, problem: `${file.name} is ${Math.ceil(file.size / 1024)} KB; a scenario is at most ${MAX_SCENARIO_BYTES / 1024} KB.` });
      return;
    }
    const result = parseScenarioFile(await file.text());
    onChange(result.ok ? { ...play, scenario: result.scenario, problem: null } : { ...play, scenario: null, problem: `${file.name}: ${result.message}` });
  }

  return (
    <fieldset className="scenario-choice">
      <legend>Scenario</legend>
      <label>
        What the drill plays
        <select name="scenario" value={choice} onChange={(e) => choose(e.target.value)} aria-describedby="scenario-hint">
          <option value="">None: free practice</option>
          {BUILT_IN_SCENARIOS.map((s) => (
            <option key={s.key} value={s.key}>
              {s.scenario.title}
            </option>
          ))}
          <option value={FROM_FILE}>From a scenario file…</option>
        </select>
        <small id="scenario-hint">{play.scenario ? play.scenario.summary : 'A scenario delivers timed injects (messages, status changes, arrivals, stakeholders) and scores the response at the end.'}</small>
      </label>
      {choice === FROM_FILE && (
        <label>
          Scenario file (JSON)
          <input type="file" name="scenario-file" accept=".json,application/json" onChange={(e) => void read(e.target.files?.[0])} aria-invalid={!!play.problem && !!fileName} />
        </label>
      )}
      {/* Said as soon as a file is refused; "choose one" only once the drill was started without it. */}
      {play.problem && (fileName || refused) && <FormError message={play.problem} />}
      {(play.scenario || choice === FROM_FILE) && (
        <fieldset className="speed-choice">
          <legend>Speed</legend>
          {DRILL_SPEEDS.map((s) => (
            <label key={s}>
              <input type="radio" name="declare-drill-speed" checked={play.speed === s} onChange={() => onChange({ ...play, speed: s })} />×{s}
            </label>
          ))}
        </fieldset>
      )}
    </fieldset>
  );
}
