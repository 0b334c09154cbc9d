#!/usr/bin/env node
/**
 * Runs first in `npm run dist`: a release made without the organisation's
 * update signing key would refuse every update for as long as it is
 * installed (electron-builder only warns that the file is missing), so the
 * build stops here instead, saying what to do. The key must be an Ed25519
 * public key: a private key in its place would ship the secret inside every
 * installer. COMMAND_POST_NO_UPDATE_KEY=1 builds anyway, for a trial build
 * that will never be updated in place.
 */
import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { PUBLIC_KEY_PATH } from './update-keygen.mjs';

/** Why this build should not go ahead, or null. */
export function updateKeyProblem(path = PUBLIC_KEY_PATH, read = (file) => readFileSync(file, 'utf8'), exists = existsSync) {
  if (!exists(path)) {
    return [
      `There is no update signing key at ${path}, so the installers would refuse every update.`,
      'Make one with `npm run update:keygen -- --private <a path outside this repository>` (once, then keep using it),',
      'or set COMMAND_POST_NO_UPDATE_KEY=1 for a trial build that will never be updated in place.',
    ].join(' ');
  }
  const text = read(path);
  if (/PRIVATE KEY/.test(text)) return `${path} holds a private key: it would ship inside every installer. Put the public key there (npm run update:keygen writes it).`;
  let key;
  try {
    key = createPublicKey(text);
  } catch {
    return `${path} is not a public key in PEM form.`;
  }
  if (key.asymmetricKeyType !== 'ed25519') return `${path} is a ${key.asymmetricKeyType} key; updates are signed with Ed25519 (npm run update:keygen).`;
  return null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problem = updateKeyProblem();
  if (problem && process.env.COMMAND_POST_NO_UPDATE_KEY === '1') {
    console.warn(`Building without an update key (COMMAND_POST_NO_UPDATE_KEY=1): these installers will refuse every update.`);
  } else if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
