import { useState } from 'react';
import { HOTKEY_ACTIONS, type HotkeyAction, type HotkeyBindings, type HotkeyChangeResult, type HotkeyEntry } from '../../../shared/ipc';
import { checkBindings, HOTKEY_ACTION_SPECS, withBinding } from '../../../shared/hotkeys/actions';
import { FormError } from '../../components/FormError';
import type { HotkeyControl } from '../../host/types';
import { setHotkeyStatus, useHotkeys } from '../../stores/hotkeys';
import { KeyRecorder } from './KeyRecorder';

/**
 * The hotkeys, one key field per action with how it stands (registered,
 * taken by another program, …). A recorded key applies at once; one that is
 * already another action's is refused with a message and nothing changes.
 */
export function HotkeySettings({ control }: { control: HotkeyControl }) {
  const status = useHotkeys((s) => s.status);
  const loadError = useHotkeys((s) => s.error);
  const [error, setError] = useState<{ action: HotkeyAction | null; message: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!status) {
    return (
      <section className="settings-section" aria-labelledby="hotkeys-heading">
        <h3 id="hotkeys-heading">Hotkeys</h3>
        <p className={loadError ? 'form-error' : 'muted'}>{loadError ?? 'Reading the hotkeys…'}</p>
      </section>
    );
  }
  const bindings = Object.fromEntries(status.entries.map((e) => [e.action, e.accelerator])) as HotkeyBindings;

  async function apply(change: () => Promise<HotkeyChangeResult>, action: HotkeyAction | null, done: string) {
    setBusy(true);
    setSaved(null);
    try {
      const result = await change();
      setHotkeyStatus(result.status);
      setError(result.error ? { action, message: result.error } : null);
      if (!result.error) setSaved(done);
    } catch (caught) {
      setError({ action, message: caught instanceof Error ? caught.message : String(caught) });
    } finally {
      setBusy(false);
    }
  }

  function record(action: HotkeyAction, accelerator: string) {
    if (busy) return;
    const checked = checkBindings(withBinding(bindings, action, accelerator), status!.platform);
    if (!checked.ok) {
      setSaved(null);
      setError({ action, message: checked.message });
      return;
    }
    const label = HOTKEY_ACTION_SPECS.find((s) => s.action === action)!.label;
    void apply(() => control.change(checked.bindings), action, accelerator ? `Saved the key for “${label}”.` : `“${label}” has no key now.`);
  }

  const entryOf = (action: HotkeyAction): HotkeyEntry => status.entries.find((e) => e.action === action)!;
  const failures = status.entries.filter((e) => (e.state === 'taken' || e.state === 'invalid') && e.message);
  return (
    <section className="settings-section" aria-labelledby="hotkeys-heading">
      <h3 id="hotkeys-heading">{status.global ? 'Global hotkeys' : 'Quick capture keys'}</h3>
      <p className="muted">
        {status.global
          ? 'These work from any program while Command Post runs, and inside it. Focus a field and press the new keys; Backspace clears one.'
          : 'In a browser these keys work while this page has focus; the desktop app makes them work from any program. Focus a field and press the new keys; Backspace clears one.'}
      </p>
      {status.sessionNotice && <p className="form-warning">{status.sessionNotice}</p>}
      <table className="hotkey-table">
        <tbody>
          {HOTKEY_ACTIONS.map((action) => {
            const entry = entryOf(action);
            const label = HOTKEY_ACTION_SPECS.find((s) => s.action === action)!.label;
            return (
              <tr key={action}>
                <th scope="row">{label}</th>
                <td>
                  <KeyRecorder
                    label={label}
                    accelerator={entry.accelerator}
                    platform={status.platform}
                    describedBy={`hotkey-state-${action}`}
                    invalid={error?.action === action || entry.state === 'invalid' || entry.state === 'taken'}
                    onRecord={(accelerator) => record(action, accelerator)}
                    onRefused={(message) => {
                      setSaved(null);
                      setError({ action, message });
                    }}
                    onSuspend={(suspended) => control.suspend(suspended)}
                  />
                </td>
                <td id={`hotkey-state-${action}`} className={`hotkey-state state-${entry.state}`}>
                  {stateText(entry, status.global)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {failures.length > 0 && (
        <ul className="form-warning hotkey-failures" aria-label="Hotkeys that do not work from other programs">
          {failures.map((entry) => (
            <li key={entry.action}>{entry.message}</li>
          ))}
        </ul>
      )}
      {status.settingsProblem && <p className="form-warning">{status.settingsProblem}</p>}
      <FormError message={error?.message ?? null} />
      {saved && (
        <p className="form-ok" role="status">
          {saved}
        </p>
      )}
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void apply(() => control.reset(), null, 'The default keys are back.')}>
          Reset to defaults
        </button>
      </div>
    </section>
  );
}

function stateText(entry: HotkeyEntry, global: boolean): string {
  switch (entry.state) {
    case 'registered':
      return 'Works everywhere';
    case 'unconfirmed':
      return 'Asked of your desktop';
    case 'in-app':
      return global ? 'Inside Command Post only' : 'In this page';
    case 'off':
      return 'No key';
    case 'taken':
      return 'Taken by another program: inside Command Post only';
    case 'invalid':
      return 'Not usable: inside Command Post only';
  }
}
