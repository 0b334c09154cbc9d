import { THEME_CHOICES, useTheme, type ThemeChoice } from '../../stores/theme';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The colour theme in Settings: the OS's by default; a choice applies at once, in every window. */
export function ThemeSetting() {
  const choice = useTheme((s) => s.choice);
  const choose = useTheme((s) => s.choose);
  return (
    <fieldset className="settings-section theme-setting">
      <legend>Theme</legend>
      <div className="theme-choices">
        {THEME_CHOICES.map((option) => (
          <label key={option}>
            <input type="radio" name="theme" value={option} checked={choice === option} onChange={() => choose(option)} />
            {LABELS[option]}
          </label>
        ))}
      </div>
      <p className="hint">System follows your operating system’s light or dark setting.</p>
    </fieldset>
  );
}
