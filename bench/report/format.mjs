/**
 * How bench/README.md says numbers: every figure in it comes from
 * bench/results.json through these, so the prose cannot disagree with the
 * last run.
 */

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 1234.5 → "1,234.5"; a missing figure reads as "n/a" rather than "undefined". */
export function num(value, digits) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'n/a';
  if (digits === undefined) return plain.format(value);
  return new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** Milliseconds as a person reads them: "0.42 ms", "36 ms", "1.65 s" from a second up. */
export function ms(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'n/a';
  return Math.abs(value) >= 1000 ? `${num(value / 1000)} s` : `${num(value)} ms`;
}

/** "5.5 / 9.7 ms": a median and a p95 side by side, as the tables show them. */
export function pair(a, b) {
  return `${num(a)} / ${num(b)} ms`;
}

export const ratio = (value) => `${num(value)}x`;

/** "2, 5 and 10". */
export const list = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

export function bytes(value) {
  if (typeof value !== 'number') return 'n/a';
  if (value >= 1e6) return `${num(value / 1e6, 1)} MB`;
  if (value >= 1e3) return `${num(Math.round(value / 1e3))} KB`;
  return `${value} bytes`;
}

/** "met" or "missed by 2.6 ms": a target is reported, never asserted. */
export function verdict(met, value, limit) {
  if (met) return 'met';
  if (typeof value === 'number' && typeof limit === 'number') return `missed by ${ms(value - limit)}`;
  return 'missed';
}

/** "2026-11-22" from an ISO time. */
export const day = (iso) => (typeof iso === 'string' ? iso.slice(0, 10) : 'an unrecorded day');

/** "2 cores (AMD EPYC), Chrome/156…": where a section's figures were measured. */
export function where(section) {
  const m = section?.machine;
  const machine = m ? ` on ${m.cores} cores (${m.cpu ?? 'unknown CPU'})` : '';
  const browser = section?.chromium?.product ? `, ${section.chromium.product}` : '';
  return `Last run ${day(section?.date)}${machine}${browser}.`;
}

/** A Markdown table from a header row and rows of cells. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const WIDTH = 78;

/** One line of prose wrapped at WIDTH columns, continuation lines indented by `indent`. */
function wrap(text, indent = '') {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line].join('\n');
}

/**
 * A block as the file shows it: prose and list items wrapped so the file
 * reads in a terminal; tables, headings and blocks already laid out by hand
 * (the chaos template, a code block) are left as they are.
 */
function layout(block) {
  const lines = block.split('\n');
  if (lines.every((line) => line.startsWith('- '))) return lines.map((line) => wrap(line, '  ')).join('\n');
  if (lines.length > 1 || /^([|#]|<!--)/.test(block)) return block;
  return wrap(block);
}

/** The paragraphs of a section, with blank lines between and none for the parts left out. */
export const paragraphs = (...parts) =>
  parts
    .flat()
    .filter((p) => typeof p === 'string' && p.length > 0)
    .flatMap((p) => p.split('\n\n'))
    .map(layout)
    .join('\n\n');
