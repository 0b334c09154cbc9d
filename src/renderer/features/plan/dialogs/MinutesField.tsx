/** A timebox in whole minutes, up to a day: the same bounds the domain checks. */
export function MinutesField({
  label,
  value,
  onChange,
  autoFocus = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
}) {
  return (
    <label>
      {label}
      <input type="number" min={1} max={1440} value={value} data-autofocus={autoFocus || undefined} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
