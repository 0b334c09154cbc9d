/** Formatting shared by every view: times are always shown with their zone. */
import { count } from '../../shared/plural';

export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h >= 24 ? `${Math.floor(h / 24)}d ${pad(h % 24)}:${pad(m)}:${pad(s)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
}

/**
 * How old something is, in words for a sentence ("12 minutes", "3 hours 5
 * minutes", "253 days"): exact while it matters minute by minute, in days
 * once it is a review weeks later rather than a response.
 */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 120) return count(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${count(hours, 'hour')} ${count(minutes % 60, 'minute')}` : count(hours, 'hour');
  return count(Math.floor(hours / 24), 'day');
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

/**
 * Zones change their name (summer time) only on a quarter hour, so one
 * answer serves a quarter of an hour: formatToParts is slow enough to show
 * in a render that labels many times.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
let zoneNameIn: { quarter: number; name: string } | null = null;

/** The local zone's short name, e.g. "UTC" or "GMT+1". */
export function zoneName(at: number = Date.now()): string {
  const quarter = Math.floor(at / QUARTER_HOUR_MS);
  if (zoneNameIn?.quarter !== quarter) {
    zoneNameIn = { quarter, name: dateTimeFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '' };
  }
  return zoneNameIn.name;
}

/*
 * The timeline and the activity log show times either in this machine's
 * zone or in UTC (a toggle, for responders spread over zones and for the
 * postmortem); every such time carries its zone.
 */
const clockIn = {
  local: timeFormat,
  utc: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: 'UTC' }),
};
const dateTimeIn = {
  local: dateTimeFormat,
  utc: new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short', timeZone: 'UTC' }),
};

/** "14:32:05", in the local zone or UTC; show zoneOf beside it. */
export function formatClock(at: number, utc: boolean): string {
  return clockIn[utc ? 'utc' : 'local'].format(at);
}

/** The zone a time is shown in: "UTC", or the local zone's short name at that moment ("GMT+1", "CEST"). */
export function zoneOf(at: number, utc: boolean): string {
  return utc ? 'UTC' : zoneName(at);
}

/** "14 Mar 2026, 14:32 GMT+1" or "… UTC": the date, the time and the zone. */
export function formatDateTimeIn(at: number, utc: boolean): string {
  return dateTimeIn[utc ? 'utc' : 'local'].format(at);
}
