import { paletteKeys } from '../../components/keys/palette-key';
import { useKeyPrefs } from '../../stores/key-prefs';

/**
 * Turning single-key shortcuts off (WCAG 2.1.4, Character Key Shortcuts):
 * for speech input, which types words as letters, and for hands that press
 * keys by accident. Shortcuts with Ctrl, Cmd or Alt stay, and the command
 * palette reaches every action by name.
 */
export function SingleKeySetting() {
  const on = useKeyPrefs((s) => s.singleKeys);
  return (
    <section className="settings-section" aria-labelledby="single-keys-heading">
      <h3 id="single-keys-heading">Keyboard</h3>
      <label className="checkbox">
        <input type="checkbox" checked={on} aria-describedby="single-keys-hint" onChange={(e) => useKeyPrefs.getState().setSingleKeys(e.target.checked)} />
        Single-key shortcuts
      </label>
      <p className="hint" id="single-keys-hint">
        Letters, digits and signs such as ? act on their own outside text fields (f searches the timeline, c checks someone in). Turn them off if
        you use speech input or press keys by accident: shortcuts with Ctrl, Alt or Cmd still work, and {paletteKeys()} finds every action by name.
      </p>
    </section>
  );
}
