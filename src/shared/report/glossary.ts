/**
 * The organization's glossary for the plain-language lint: the acronyms and
 * jargon its people use, each with plainer words, and the short forms
 * everyone reading an update knows (never flagged). Kept per machine and
 * edited as text, one entry a line:
 *
 *   DB = database
 *   failover = switching to the backup system
 *   UTC = ok
 *
 * "= ok" marks a term everyone knows. An entry may be limited to external
 * messages by ending it with "(external)": insiders know "SEV-1", customers
 * do not.
 */

export type GlossaryKind = 'acronym' | 'jargon' | 'known';

export interface GlossaryEntry {
  /** As written in an update; matched as a whole word, acronyms by case, jargon in any case. */
  readonly term: string;
  /** The plainer words to use instead; empty for a known term. */
  readonly plain: string;
  readonly kind: GlossaryKind;
  /** Flagged only in external messages. */
  readonly externalOnly: boolean;
}

export const MAX_GLOSSARY_ENTRIES = 500;
const MAX_TERM = 60;
const MAX_PLAIN = 120;

/** What a glossary starts with: the usual suspects of an IT incident. */
export const DEFAULT_GLOSSARY_TEXT = `# One entry a line: term = plainer words. "= ok" for a term everyone knows.
# "(external)" at the end: flag it only in messages to customers.
API = the connection other systems use to reach ours
CDN = content delivery network (the system that serves our pages quickly worldwide)
DB = database
DNS = the system that turns web addresses into server addresses
ETA = expected time
IC = Incident Commander
LB = load balancer (the system that spreads traffic across servers)
RCA = review of what caused it
SLA = service agreement
SSO = single sign-on
VPN = the private network connection
SEV = severity (external)
P1 = highest priority (external)
TL = Tech Lead
SME = expert
5xx = errors from our servers
degraded = slower or partly working
failover = switching to the backup system
fail over = switch to the backup system
rollback = undoing the change
roll back = undo the change
hotfix = urgent fix
deploy = change
deployment = change
latency = slowness
root cause = cause
mitigation = steps to reduce the impact
upstream = a supplier
replica = backup copy
throughput = how much the system handles
p99 = the slowest requests
OK = ok
US = ok
EU = ok
UK = ok
UTC = ok
GMT = ok
CET = ok
CEST = ok
EST = ok
EDT = ok
PST = ok
PDT = ok
AM = ok
PM = ok
CAN = ok
`;

export interface GlossaryProblem {
  readonly line: number;
  readonly message: string;
}

export interface ParsedGlossary {
  readonly entries: readonly GlossaryEntry[];
  readonly problems: readonly GlossaryProblem[];
}

/** An acronym: letters and digits with at least two capitals and no lower case ("DB", "5xx" is jargon). */
function kindOf(term: string, plain: string): GlossaryKind {
  if (/^ok$/i.test(plain)) return 'known';
  return /^[A-Z0-9&-]+$/.test(term) && /[A-Z].*[A-Z]|[A-Z][0-9]|[0-9][A-Z]/.test(term) ? 'acronym' : 'jargon';
}

/** Reads the glossary text; every line that cannot be read is reported with why, and the rest still counts. */
export function parseGlossary(text: string): ParsedGlossary {
  const entries: GlossaryEntry[] = [];
  const problems: GlossaryProblem[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const at = line.indexOf('=');
    if (at < 0) {
      problems.push({ line: i + 1, message: `Line ${i + 1}: write it as "term = plainer words" (or "term = ok").` });
      return;
    }
    let plain = line.slice(at + 1).trim();
    const term = line.slice(0, at).trim();
    const externalOnly = /\(external\)\s*$/i.test(plain);
    if (externalOnly) plain = plain.replace(/\(external\)\s*$/i, '').trim();
    if (!term || !plain) {
      problems.push({ line: i + 1, message: `Line ${i + 1}: both the term and its plainer words are needed.` });
      return;
    }
    if (term.length > MAX_TERM || plain.length > MAX_PLAIN) {
      problems.push({ line: i + 1, message: `Line ${i + 1}: a term is at most ${MAX_TERM} characters and its plainer words at most ${MAX_PLAIN}.` });
      return;
    }
    const key = term.toLowerCase();
    if (seen.has(key)) {
      problems.push({ line: i + 1, message: `Line ${i + 1}: "${term}" is already in the glossary; the first entry counts.` });
      return;
    }
    if (entries.length >= MAX_GLOSSARY_ENTRIES) {
      problems.push({ line: i + 1, message: `Line ${i + 1}: a glossary holds at most ${MAX_GLOSSARY_ENTRIES} entries.` });
      return;
    }
    seen.add(key);
    const kind = kindOf(term, plain);
    entries.push({ term, plain: kind === 'known' ? '' : plain, kind, externalOnly });
  });
  return { entries, problems };
}

export const DEFAULT_GLOSSARY: readonly GlossaryEntry[] = parseGlossary(DEFAULT_GLOSSARY_TEXT).entries;
