import { useState, type FormEvent } from 'react';
import { messageOf, submitChange, useInitialStatus } from './useInitialStatus';
import { MAX_UPDATE_ADDRESS, type UpdateSettingsStatus } from '../../../shared/ipc';
import { FormError } from '../../components/FormError';
import type { UpdateControl } from '../../host/types';

const FIELD = 'update-address';

/**
 * Where the desktop app looks for updates: the organisation's web server or
 * shared folder, never the internet, and only when someone asks. Main checks
 * the address with the same rules as the check itself and says why it
 * refuses one; this form only keeps a 5,000-character paste from being sent.
 * COMMAND_POST_UPDATE_URL, when set, decides, and the field says so.
 */
export function UpdateSettings({ control }: { control: UpdateControl }) {
  const [status, setStatus] = useState<UpdateSettingsStatus | null>(null);
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [asked, setAsked] = useState(false);
  const [busy, setBusy] = useState(false);

  useInitialStatus(control, 'Where updates come from', (loaded) => {
    setStatus(loaded);
    setAddress(loaded.feedUrl ?? '');
  }, setError);

  const override = status?.envOverride ?? null;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!status || busy || override) return;
    setSaved(false);
    setAsked(false);
    if (address.length > MAX_UPDATE_ADDRESS) {
      setError(`An update address is at most ${MAX_UPDATE_ADDRESS} characters; this one has ${address.length}.`);
      return;
    }
    const result = await submitChange(() => control.setFeed(address.trim() === '' ? null : address), { setBusy, setStatus, setError, setSaved });
    if (result && result.error === null) setAddress(result.status.feedUrl ?? '');
  }

  async function check() {
    setSaved(false);
    setAsked(false);
    try {
      await control.check();
      setAsked(true);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  const describedBy = [`${FIELD}-hint`, override && `${FIELD}-env`, status?.problem && `${FIELD}-problem`, error && `${FIELD}-error`].filter(Boolean).join(' ');

  return (
    <form className="form" onSubmit={save} noValidate aria-labelledby="updates-heading">
      <fieldset className="settings-section update-settings">
        <legend id="updates-heading">Updates</legend>
        <p className="muted">
          Command Post looks for updates only when someone asks, and only at the address your organisation gives: a web server
          on this network or a shared folder, never the internet. Every update must carry your organisation&apos;s signature.
        </p>
        <p className="update-status" role="status" aria-label="Update source">
          {statusText(status)}
        </p>
        <label>
          Update address
          <input
            value={address}
            disabled={!status || override !== null}
            onChange={(e) => setAddress(e.target.value)}
            // No example while the variable decides: a greyed example would read as the address in use.
            placeholder={override ? undefined : 'http://updates.example.lan/command-post/'}
            aria-invalid={error !== null || Boolean(status?.problem && !override)}
            aria-describedby={describedBy}
            autoComplete="off"
            spellCheck={false}
            dir="ltr"
          />
          <small id={`${FIELD}-hint`}>
            The http:// or https:// address of the folder that holds latest.yml, or a shared folder: \\server\share\command-post
            or a mounted path such as /mnt/updates. Empty: nothing is ever checked.
          </small>
        </label>
        {override && (
          <small id={`${FIELD}-env`} className="env-override">
            Set by <code className="update-address-text">{`${override.variable}=${override.value}`}</code> on this machine: the
            variable wins over this setting until it is unset and the app restarted.
          </small>
        )}
        {status && !status.hasSigningKey && (
          <p className="form-warning">
            {status.signingKeyProblem ?? 'This build carries no update signing key, so every update is refused; install new versions by hand.'}
          </p>
        )}
        {status && !status.packaged && <p className="muted">This is a development build: updates never replace it.</p>}
      </fieldset>
      {status?.problem && (
        <p className="form-warning update-address-text" id={`${FIELD}-problem`}>
          {status.problem}
        </p>
      )}
      {status?.settingsProblem && <p className="form-warning">{status.settingsProblem}</p>}
      <FormError message={error} id={`${FIELD}-error`} />
      {saved && (
        <p className="form-ok" role="status">
          Saved.
        </p>
      )}
      {asked && (
        <p className="form-ok" role="status">
          Asked: Command Post says what it finds in a window of its own.
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void check()} disabled={!status}>
          Check for updates now
        </button>
        <button type="submit" disabled={!status || busy || override !== null}>
          {busy ? 'Saving…' : 'Save update address'}
        </button>
      </div>
    </form>
  );
}

function statusText(status: UpdateSettingsStatus | null): string {
  if (!status) return 'Reading…';
  if (status.problem) return 'Nothing is checked: the address set cannot be used (below says why).';
  if (!status.inUse) return 'Nothing is checked: no address is set.';
  return `Checking only when asked, at ${status.inUse}${status.envOverride ? ` (from ${status.envOverride.variable})` : ''}.`;
}
