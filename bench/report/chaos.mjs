/**
 * bench/README.md's "Sync under chaos": the explanation is hand-written in
 * ./chaos-explained.md; the targets, the latest run and the run before
 * issue 13's fix (kept in results.json's history) are read from
 * bench/results.json.
 */
import { readFileSync } from 'node:fs';
import { ms, num, paragraphs, table, verdict, where } from './format.mjs';

/** The template without its leading comment, which is for whoever edits it, not for readers. */
const explained = readFileSync(new URL('./chaos-explained.md', import.meta.url), 'utf8')
  .replace(/^<!--[\s\S]*?-->\n/, '')
  .trim();

function column(run) {
  const seeds = run.failingSeeds?.length ? ` (seeds ${run.failingSeeds.join(', ')})` : '';
  const inTrials = run.falseInSyncTrials ? `, in ${num(run.falseInSyncTrials)} trials` : '';
  const samples = run.falseInSyncSamples ? ` (${num(run.falseInSyncSamples)} samples)` : '';
  const c = run.convergeMs ?? {};
  return [
    `${num(run.divergences)}${seeds}`,
    `${num(run.falseInSync)}${inTrials}${samples}`,
    `${num(c.p50)} / ${num(c.p95)} / ${num(c.max)} ms (${num(c.n)} trials)`,
    `${num(run.durationS / 60, 1)} min${run.trialMs ? ` (faults over ${ms(run.trialMs)} after a trial's start, on average)` : ''}`,
    `${num(run.edits?.made)} / ${num(run.edits?.refused)} / ${num(run.edits?.skipped)}`,
  ];
}

export function chaosSection(chaos, history) {
  if (!chaos) return '';
  const t = chaos.targets ?? {};
  const targets = `\`bench/results.json\` gets \`chaos.trials\`, \`divergences\`, \`falseInSync\`, \`convergeMs.p50\`/\`.p95\`/\`.max\`, \`failingSeeds\` (and the failing trials with what was wrong), the faults drawn and the edits made. **Targets:** ${num(t.divergences)} divergences, ${num(t.falseInSync)} false "in sync", convergence p95 under ${ms(t.convergeP95MaxMs)}. \`npm test\` runs the short version (\`npm run test:chaos\`: 6 trials from a random seed, printed; it fails if any trial diverges, shows a false "in sync" or cannot run).`;
  const before = history?.beforeIssue13Fix;
  const header = ['', ...(before ? [`before issue 13's fix (${before.commit})`] : []), `last run (${chaos.date?.slice(0, 10)})`];
  const labels = ['divergences', 'false "in sync" (trial × browser)', 'convergeMs p50 / p95 / max', 'the whole run', 'edits made / refused / skipped (browser down)'];
  const columns = [...(before ? [column(before)] : []), column(chaos)];
  const figures = table(header, labels.map((label, i) => [label, ...columns.map((c) => c[i])]));
  const faults = Object.entries(chaos.faults ?? {}).map(([fault, n]) => `${fault} ${num(n)}`).join(', ');
  const run = `${where(chaos)} ${num(chaos.trials)} trials from seed ${chaos.seed}; faults drawn: ${faults}. Divergences: ${verdict(chaos.met?.divergences)}; false "in sync": ${verdict(chaos.met?.falseInSync)}; convergence p95: ${verdict(chaos.met?.convergeP95, chaos.convergeMs?.p95, t.convergeP95MaxMs)}${chaos.harnessErrors ? `; ${num(chaos.harnessErrors)} trials the bench could not finish` : ''}.`;
  const story = before
    ? `Before the fix it found the split of issue 13 on its own: every failing trial had paused and resumed a browser that had closed and reopened the incident in the same page (in that trial or an earlier one). One or two entries, or a line of status text, never reached the others, while all four headers said "3 peers · in sync" for as long as the bench watched; reloading the browsers healed every one of them, as the issue said. It also saw a killed browser's old self still listed among the connected ("Bo, Bo") and, now and then, a restarted browser asking for its name again (issue 13, points 2 and 6).${chaos.divergences === 0 && chaos.falseInSync === 0 ? ` Since the fix, the same plans give no divergence and no false "in sync"; in the last run every trial agreed within ${ms(chaos.convergeMs?.max)} of healing.` : ''}`
    : '';
  return paragraphs('## Sync under chaos', explained, targets, run, figures, story);
}
