import { useState, type FormEvent } from 'react';
import { submitChange, useInitialStatus } from './useInitialStatus';
import { SignalingPreferences, type EnvOverride, type SignalingStatus } from '../../../shared/ipc';
import { FormError } from '../../components/FormError';
import type { SignalingControl } from '../../host';
import { LAN_RISK, SignalingStatusLine } from './SignalingStatusLine';

/**
 * The desktop app's signaling server: whether other computers may reach it,
 * and its port. Main saves the choice and moves the server; if the new
 * address cannot be bound, the old server keeps running and the form keeps
 * what was typed, with the reason. A setting an environment variable
 * decides is shown as the variable has it, and cannot be changed here.
 */
export function SignalingSettingsForm({ control, onClose }: { control: SignalingControl; onClose: () => void }) {
  const [status, setStatus] = useState<SignalingStatus | null>(null);
  const [exposeOnLan, setExposeOnLan] = useState(false);
  const [port, setPort] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [portInvalid, setPortInvalid] = useState(false);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useInitialStatus(control, "The signaling server's status", (loaded) => {
    setStatus(loaded);
    setExposeOnLan(loaded.envOverrides.exposeOnLan ? loaded.exposedOnLan : loaded.settings.exposeOnLan);
    setPort(String(loaded.envOverrides.port ? loaded.port : loaded.settings.port));
  }, setError);

  const lanOverride = status?.envOverrides.exposeOnLan ?? null;
  const portOverride = status?.envOverrides.port ?? null;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!status || busy) return;
    setSaved(false);
    // A setting the environment decides keeps its saved value.
    const typedPort = /^\s*\d{1,6}\s*$/.test(port) ? Number(port) : Number.NaN;
    const parsed = SignalingPreferences.safeParse({
      exposeOnLan: lanOverride ? status.settings.exposeOnLan : exposeOnLan,
      port: portOverride ? status.settings.port : typedPort,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(issue?.message ?? 'These settings are not valid.');
      setPortInvalid(issue?.path[0] === 'port');
      return;
    }
    setPortInvalid(false);
    await submitChange(() => control.change(parsed.data), { setBusy, setStatus, setError, setSaved });
  }

  return (
    <form className="form" onSubmit={save} noValidate>
      <fieldset className="settings-section">
        <legend>Signaling server</legend>
        <p className="muted">
          Command posts find each other through a signaling server, and this app runs one. Other computers can use it only
          when it is open to the network.
        </p>
        <SignalingStatusLine status={status} />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={exposeOnLan}
            disabled={lanOverride !== null}
            onChange={(e) => setExposeOnLan(e.target.checked)}
            aria-describedby={lanOverride ? 'lan-risk lan-env' : 'lan-risk'}
            data-autofocus
          />
          Let other computers on this network reach my signaling server
        </label>
        <small id="lan-risk" className="hint">
          {LAN_RISK}
        </small>
        {lanOverride && <EnvNote id="lan-env" override={lanOverride} />}
        <label>
          Port
          <input
            inputMode="numeric"
            className="port-input"
            value={port}
            disabled={portOverride !== null}
            onChange={(e) => setPort(e.target.value)}
            aria-invalid={portInvalid}
            aria-describedby={portOverride ? 'port-hint port-env' : 'port-hint'}
          />
          <small id="port-hint">1024 to 65535; 4444 unless another program needs it. Invites made afterwards list the new port.</small>
        </label>
        {portOverride && <EnvNote id="port-env" override={portOverride} />}
      </fieldset>
      {status?.settingsProblem && <p className="form-warning">{status.settingsProblem}</p>}
      <FormError message={error} />
      {saved && (
        <p className="form-ok" role="status">
          Saved.
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="submit" disabled={!status || busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

function EnvNote({ id, override }: { id: string; override: EnvOverride }) {
  return (
    <small id={id} className="env-override">
      Set by <code>{`${override.variable}=${override.value}`}</code> when Command Post started: the variable wins over this
      setting until it is unset and the app restarted.
    </small>
  );
}
