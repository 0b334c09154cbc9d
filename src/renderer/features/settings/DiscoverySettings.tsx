import { useState, type FormEvent } from 'react';
import { submitChange, useInitialStatus } from './useInitialStatus';
import { MAX_DISCOVERY_NAME, type DiscoveryStatus } from '../../../shared/ipc';
import { displayText } from '../../../shared/sync/lan-announcement';
import { FormError } from '../../components/FormError';
import type { DiscoveryControl } from '../../host/types';

/**
 * Finding and being found on this network (issue 23): whether this machine
 * lists the command posts that announce themselves here and announces the
 * incidents its IC shares, and the name other machines' lists call it. The
 * host name is never announced unless typed here. COMMAND_POST_DISCOVERY,
 * when set, decides the switch, and says so.
 */
export function DiscoverySettings({ control }: { control: DiscoveryControl }) {
  const [status, setStatus] = useState<DiscoveryStatus | null>(null);
  const [enabled, setEnabled] = useState(true);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [nameInvalid, setNameInvalid] = useState(false);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useInitialStatus(control, "Discovery's status", (loaded) => {
    setStatus(loaded);
    setEnabled(loaded.envOverride ? loaded.enabled : loaded.settings.enabled);
    setName(loaded.settings.displayName);
  }, setError);

  const override = status?.envOverride ?? null;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!status || busy) return;
    setSaved(false);
    // What other machines would read: direction marks and invisible characters go, white space collapses.
    const cleaned = displayText(name, Number.MAX_SAFE_INTEGER) ?? '';
    const length = [...cleaned].length;
    if (length > MAX_DISCOVERY_NAME) {
      setNameInvalid(true);
      setError(`The name on this network is at most ${MAX_DISCOVERY_NAME} characters; this one has ${length}.`);
      return;
    }
    setNameInvalid(false);
    setName(cleaned);
    await submitChange(() => control.change({ enabled: override ? status.settings.enabled : enabled, displayName: cleaned }), { setBusy, setStatus, setError, setSaved });
  }

  return (
    <form className="form" onSubmit={save} noValidate aria-labelledby="discovery-heading">
      <fieldset className="settings-section">
        <legend id="discovery-heading">Discovery</legend>
        <p className="muted">
          Command posts on this network announce the incidents their ICs share (by name only when the IC says so) and list
          each other in &lsquo;Join shared incident…&rsquo;. Nothing is shared without the IC admitting each request.
        </p>
        <p className="discovery-status" role="status">
          {statusText(status)}
        </p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={enabled}
            disabled={override !== null || !status}
            onChange={(e) => setEnabled(e.target.checked)}
            aria-describedby={override ? 'discovery-hint discovery-env' : 'discovery-hint'}
          />
          Find and be found on this network
        </label>
        <small id="discovery-hint" className="hint">
          Off: this machine announces nothing and lists nobody. Invites and short codes still work.
        </small>
        {override && (
          <small id="discovery-env" className="env-override">
            Set by <code>{`${override.variable}=${override.value}`}</code> when Command Post started: the variable wins over
            this setting until it is unset and the app restarted.
          </small>
        )}
        <label>
          This machine&apos;s name on the network
          <input
            value={name}
            disabled={!status}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameInvalid}
            aria-describedby="discovery-name-hint"
            autoComplete="off"
            spellCheck={false}
          />
          <small id="discovery-name-hint">
            What other machines&apos; lists call this one, e.g. Dana&apos;s laptop; at most {MAX_DISCOVERY_NAME} characters. Empty:
            no name is announced (the computer&apos;s own name never is).
          </small>
        </label>
      </fieldset>
      {status?.error && <p className="form-warning">{status.error}</p>}
      {status?.settingsProblem && <p className="form-warning">{status.settingsProblem}</p>}
      <FormError message={error} />
      {saved && (
        <p className="form-ok" role="status">
          Saved.
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={!status || busy}>
          {busy ? 'Saving…' : 'Save discovery'}
        </button>
      </div>
    </form>
  );
}

function statusText(status: DiscoveryStatus | null): string {
  if (!status) return 'Reading…';
  if (!status.enabled) return status.disabledReason ?? 'Off: nothing is announced and nobody is listed.';
  const shares = status.shares.length;
  return shares ? `On: announcing ${shares === 1 ? 'one shared incident' : `${shares} shared incidents`}.` : 'On: announcing nothing until an IC shares an incident on this network.';
}
