/** Formatting shared by every view: times are always shown with their zone. */

export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h >= 24 ? `${Math.floor(h / 24)}d ${pad(h % 24)}:${pad(m)}:${pad(s)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZoneName: 'short',
});

export function formatTime(at: number): string {
  return timeFormat.format(at);
}

export function formatDateTime(at: number): string {
  return dateTimeFormat.format(at);
}

/** The local zone's short name, e.g. "UTC" or "GMT+1". */
export function zoneName(at: number = Date.now()): string {
  return dateTimeFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
}
