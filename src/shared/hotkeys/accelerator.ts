/**
 * Electron's accelerator strings ("CommandOrControl+Alt+Shift+K"), read,
 * checked and compared the same way in main (which registers them with the
 * operating system) and in the renderer (which records them in Settings,
 * shows them, and matches them against key presses in the page).
 *
 * The grammar is Electron's (modifiers joined by "+", then exactly one key);
 * what a key press means is read from KeyboardEvent.code, the physical key,
 * because the character a chord types depends on the layout (Option+K on a
 * Mac types "˚", Ctrl+Alt is AltGr on many Windows layouts).
 */

/** How modifiers resolve: on a Mac, CommandOrControl is Command; elsewhere it is Control. */
export type KeyPlatform = 'mac' | 'other';

export function keyPlatformOf(platform: string): KeyPlatform {
  return /^(darwin|mac)/i.test(platform) ? 'mac' : 'other';
}

/** Modifiers as written in a canonical accelerator, in this order. */
const MODIFIER_ORDER = ['CommandOrControl', 'Control', 'Command', 'Super', 'Alt', 'Shift'] as const;
export type Modifier = (typeof MODIFIER_ORDER)[number];

const MODIFIER_ALIASES: Readonly<Record<string, Modifier>> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  control: 'Control',
  ctrl: 'Control',
  command: 'Command',
  cmd: 'Command',
  super: 'Super',
  meta: 'Super',
  alt: 'Alt',
  option: 'Alt',
  shift: 'Shift',
};

/** The physical key (KeyboardEvent.code) of each accelerator key, and back. */
const KEY_CODES: ReadonlyArray<readonly [key: string, code: string]> = [
  ...[...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c) => [c, `Key${c}`] as const),
  ...[...'0123456789'].map((d) => [d, `Digit${d}`] as const),
  ...Array.from({ length: 24 }, (_, i) => [`F${i + 1}`, `F${i + 1}`] as const),
  ...[...'0123456789'].map((d) => [`num${d}`, `Numpad${d}`] as const),
  ['Space', 'Space'],
  ['Tab', 'Tab'],
  ['Backspace', 'Backspace'],
  ['Delete', 'Delete'],
  ['Insert', 'Insert'],
  ['Enter', 'Enter'],
  ['Up', 'ArrowUp'],
  ['Down', 'ArrowDown'],
  ['Left', 'ArrowLeft'],
  ['Right', 'ArrowRight'],
  ['Home', 'Home'],
  ['End', 'End'],
  ['PageUp', 'PageUp'],
  ['PageDown', 'PageDown'],
  ['Escape', 'Escape'],
  ['PrintScreen', 'PrintScreen'],
  ['-', 'Minus'],
  ['=', 'Equal'],
  ['[', 'BracketLeft'],
  [']', 'BracketRight'],
  ['\\', 'Backslash'],
  [';', 'Semicolon'],
  ["'", 'Quote'],
  [',', 'Comma'],
  ['.', 'Period'],
  ['/', 'Slash'],
  ['`', 'Backquote'],
  ['numadd', 'NumpadAdd'],
  ['numsub', 'NumpadSubtract'],
  ['nummult', 'NumpadMultiply'],
  ['numdiv', 'NumpadDivide'],
  ['numdec', 'NumpadDecimal'],
];

const CODE_OF_KEY = new Map(KEY_CODES.map(([key, code]) => [key.toLowerCase(), code]));
const KEY_OF_CODE = new Map(KEY_CODES.map(([key, code]) => [code, key]));
const CANONICAL_KEY = new Map(KEY_CODES.map(([key]) => [key.toLowerCase(), key]));
const KEY_ALIASES: Readonly<Record<string, string>> = { return: 'Enter', esc: 'Escape' };

/** Keys that name a modifier on their own (a chord still being held). */
const MODIFIER_CODES = new Set(['ControlLeft', 'ControlRight', 'ShiftLeft', 'ShiftRight', 'AltLeft', 'AltRight', 'MetaLeft', 'MetaRight', 'OSLeft', 'OSRight', 'CapsLock', 'Fn']);

export interface Accelerator {
  /** The canonical text: modifiers in a fixed order, then the key ("CommandOrControl+Alt+Shift+K"). */
  readonly text: string;
  readonly modifiers: readonly Modifier[];
  readonly key: string;
}

export type ParsedAccelerator = { readonly ok: true; readonly accelerator: Accelerator } | { readonly ok: false; readonly message: string };

/** The longest accelerator accepted (every modifier and the longest key name fit). */
export const MAX_ACCELERATOR_LENGTH = 100;

/**
 * Reads an accelerator as Electron would, and refuses one that is not
 * usable as a hotkey: a key without Ctrl, Alt, Cmd or Super would take that
 * key (or, with Shift, its capital) away from every other program.
 */
export function parseAccelerator(text: string): ParsedAccelerator {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: 'No key given.' };
  if (trimmed.length > MAX_ACCELERATOR_LENGTH) return { ok: false, message: `A key combination is at most ${MAX_ACCELERATOR_LENGTH} characters.` };
  // "+" separates the parts, so the plus key itself is written "Plus".
  const parts = trimmed.split('+').map((p) => p.trim());
  if (parts.some((p) => !p)) return { ok: false, message: `“${trimmed}” has an empty part: write the plus key as “Plus”.` };
  const modifiers = new Set<Modifier>();
  let key: string | null = null;
  for (const part of parts) {
    const modifier = MODIFIER_ALIASES[part.toLowerCase()];
    if (modifier) {
      if (key !== null) return { ok: false, message: `In “${trimmed}” the modifiers must come before the key.` };
      modifiers.add(modifier);
      continue;
    }
    const name = part.toLowerCase() === 'plus' ? 'Plus' : (KEY_ALIASES[part.toLowerCase()] ?? CANONICAL_KEY.get(part.toLowerCase()));
    if (!name) return { ok: false, message: `“${part}” is not a key Command Post knows.` };
    if (key !== null) return { ok: false, message: `“${trimmed}” has two keys (${key} and ${name}); a hotkey has one, with modifiers.` };
    key = name;
  }
  if (key === null) return { ok: false, message: `“${trimmed}” has modifiers but no key.` };
  if (![...modifiers].some((m) => m !== 'Shift')) {
    return {
      ok: false,
      message: `${formatKeys([...modifiers], key, 'other')} needs Ctrl, Alt, Cmd or Super with it: without one it would take that key away from every other program.`,
    };
  }
  const ordered = MODIFIER_ORDER.filter((m) => modifiers.has(m));
  return { ok: true, accelerator: { text: [...ordered, key].join('+'), modifiers: ordered, key } };
}

/** The canonical text of an accelerator, or null when it is not one. */
export function canonicalAccelerator(text: string): string | null {
  const parsed = parseAccelerator(text);
  return parsed.ok ? parsed.accelerator.text : null;
}

/** The keys a chord presses on one platform: which modifiers are down, and the physical key. */
export interface Chord {
  readonly ctrl: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  /** KeyboardEvent.code of the key, or "Plus" (which has no code of its own). */
  readonly code: string;
}

export function chordOf(accelerator: Accelerator, platform: KeyPlatform): Chord {
  const has = (m: Modifier) => accelerator.modifiers.includes(m);
  const commandOrControlIsMeta = platform === 'mac';
  return {
    ctrl: has('Control') || (has('CommandOrControl') && !commandOrControlIsMeta),
    meta: has('Command') || has('Super') || (has('CommandOrControl') && commandOrControlIsMeta),
    alt: has('Alt'),
    shift: has('Shift'),
    code: accelerator.key === 'Plus' ? 'Plus' : (CODE_OF_KEY.get(accelerator.key.toLowerCase()) ?? accelerator.key),
  };
}

const sameChordOf = (a: Chord, b: Chord) => a.ctrl === b.ctrl && a.meta === b.meta && a.alt === b.alt && a.shift === b.shift && a.code === b.code;

/** Whether two accelerators press the same keys on this platform (CmdOrCtrl+K and Ctrl+K do, outside a Mac). */
export function sameChord(a: string, b: string, platform: KeyPlatform): boolean {
  const pa = parseAccelerator(a);
  const pb = parseAccelerator(b);
  return pa.ok && pb.ok && sameChordOf(chordOf(pa.accelerator, platform), chordOf(pb.accelerator, platform));
}

/** The part of a KeyboardEvent read here (src/shared has no DOM types). */
export interface KeyEventLike {
  readonly code: string;
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

/** Whether a key press is this accelerator's chord, modifiers exactly. */
export function matchesEvent(accelerator: Accelerator, event: KeyEventLike, platform: KeyPlatform): boolean {
  const chord = chordOf(accelerator, platform);
  const code = chord.code === 'Plus' ? (event.key === '+' ? 'Plus' : null) : event.code;
  return code === chord.code && chord.ctrl === event.ctrlKey && chord.meta === event.metaKey && chord.alt === event.altKey && chord.shift === event.shiftKey;
}

export type RecordedChord =
  /** A usable accelerator. */
  | { readonly kind: 'chord'; readonly accelerator: string }
  /** Only modifiers so far: keep listening. */
  | { readonly kind: 'partial' }
  /** A key this grammar has no name for, or one that cannot be a hotkey. */
  | { readonly kind: 'refused'; readonly message: string };

/** The accelerator a key press records, as Settings' key fields use it. */
export function acceleratorFromEvent(event: KeyEventLike, platform: KeyPlatform): RecordedChord {
  if (MODIFIER_CODES.has(event.code)) return { kind: 'partial' };
  const key = KEY_OF_CODE.get(event.code);
  if (!key) return { kind: 'refused', message: `Command Post cannot use that key (${event.code || event.key}) for a hotkey; pick another.` };
  const modifiers: Modifier[] = [];
  if (platform === 'mac') {
    if (event.metaKey) modifiers.push('CommandOrControl');
    if (event.ctrlKey) modifiers.push('Control');
  } else {
    if (event.ctrlKey) modifiers.push('CommandOrControl');
    if (event.metaKey) modifiers.push('Super');
  }
  if (event.altKey) modifiers.push('Alt');
  if (event.shiftKey) modifiers.push('Shift');
  const parsed = parseAccelerator([...modifiers, key].join('+'));
  if (!parsed.ok) {
    return { kind: 'refused', message: `${formatKeys(modifiers, key, platform)} needs ${platform === 'mac' ? 'Cmd, Ctrl or Option' : 'Ctrl or Alt'} with it: without one it would take that key away from every other program.` };
  }
  return { kind: 'chord', accelerator: parsed.accelerator.text };
}

const LABELS: Record<KeyPlatform, Record<Modifier, string>> = {
  mac: { CommandOrControl: 'Cmd', Command: 'Cmd', Control: 'Ctrl', Super: 'Cmd', Alt: 'Option', Shift: 'Shift' },
  other: { CommandOrControl: 'Ctrl', Command: 'Super', Control: 'Ctrl', Super: 'Super', Alt: 'Alt', Shift: 'Shift' },
};

function formatKeys(modifiers: readonly Modifier[], key: string, platform: KeyPlatform): string {
  const shown = key === 'Plus' ? '+' : key.startsWith('num') ? `Numpad ${key.slice(3)}` : key;
  return [...new Set(modifiers.map((m) => LABELS[platform][m]))].concat(shown).join('+');
}

/** How an accelerator reads to a person on this platform: "Ctrl+Alt+Shift+K", "Cmd+Option+Shift+K". */
export function formatAccelerator(text: string, platform: KeyPlatform): string {
  const parsed = parseAccelerator(text);
  return parsed.ok ? formatKeys(parsed.accelerator.modifiers, parsed.accelerator.key, platform) : text;
}

const ARIA_MODIFIERS: Record<KeyPlatform, Record<Modifier, string>> = {
  mac: { CommandOrControl: 'Meta', Command: 'Meta', Control: 'Control', Super: 'Meta', Alt: 'Alt', Shift: 'Shift' },
  other: { CommandOrControl: 'Control', Command: 'Meta', Control: 'Control', Super: 'Meta', Alt: 'Alt', Shift: 'Shift' },
};

/** The aria-keyshortcuts value of an accelerator ("Control+Alt+Shift+K"). */
export function ariaKeyShortcut(text: string, platform: KeyPlatform): string {
  const parsed = parseAccelerator(text);
  if (!parsed.ok) return '';
  const key = parsed.accelerator.key === 'Plus' ? '+' : parsed.accelerator.key;
  return [...new Set(parsed.accelerator.modifiers.map((m) => ARIA_MODIFIERS[platform][m]))].concat(key).join('+');
}
