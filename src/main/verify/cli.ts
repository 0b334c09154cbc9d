/**
 * `npm run verify -- <file>`: checks an exported incident file (.cpinc) or
 * postmortem JSON with plain Node, no app and no network. Prints every
 * entry as verified or UNVERIFIED with its author and signer, the members,
 * and the record's fingerprint; exits 1 if anything fails, 2 if the file
 * cannot be read.
 */
import { readFile, stat } from 'node:fs/promises';
import { MAX_INCIDENT_FILE_BYTES, tooLargeMessage } from '../../shared/incident/exchange';
import { checkRecordText, recordCheckLines } from '../../shared/report/verify-record';

async function main(paths: string[]): Promise<number> {
  if (paths.length === 0) {
    console.error('Usage: npm run verify -- <incident file (.cpinc) or postmortem JSON> [more files]');
    return 2;
  }
  let worst = 0;
  for (const path of paths) {
    let text: string;
    try {
      const size = (await stat(path)).size;
      if (size > MAX_INCIDENT_FILE_BYTES) throw new Error(tooLargeMessage(size));
      text = await readFile(path, 'utf8');
    } catch (error) {
      console.error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
      worst = Math.max(worst, 2);
      continue;
    }
    const check = await checkRecordText(text);
    if (paths.length > 1) console.log(`== ${path}`);
    for (const line of recordCheckLines(check)) console.log(line);
    worst = Math.max(worst, !check.readable ? 2 : check.ok ? 0 : 1);
  }
  return worst;
}

process.exitCode = await main(process.argv.slice(2));
