#!/usr/bin/env node
/**
 * Makes the Ed25519 key pair that signs Command Post updates
 * (npm run update:keygen -- --private <path outside this repository>).
 *
 * The public key goes to resources/update-signing-key.pem, which the build
 * ships inside the app; every installed copy then trusts updates signed with
 * the private key, and only those. So the private key:
 * - is never written inside this repository (a commit, a pushed branch or a
 *   copied checkout would carry it), and
 * - never replaces an existing file (that would lose the key that installed
 *   copies trust, and with it every later update to them).
 * Keep it where your organisation keeps release secrets, and back it up.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PUBLIC_KEY_PATH = join(REPO_ROOT, 'resources', 'update-signing-key.pem');

/** A refusal, said in one paragraph without a stack trace. */
export class KeygenRefused extends Error {}

/** Whether `target` is `root` or inside it, following symbolic links in the folders that exist. */
export function isInside(root, target) {
  const realRoot = realpathSync(root);
  let existing = resolve(target);
  const rest = [];
  while (!existsSync(existing)) {
    rest.unshift(existing.slice(dirname(existing).length + 1));
    existing = dirname(existing);
  }
  const real = join(realpathSync(existing), ...rest);
  const path = relative(realRoot, real);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/** Writes the pair; returns the two paths. Throws KeygenRefused, saying why, before writing anything. */
export function makeUpdateKeyPair({ privatePath, publicPath = PUBLIC_KEY_PATH, repoRoot = REPO_ROOT }) {
  if (!privatePath) throw new KeygenRefused('Say where the private key goes: npm run update:keygen -- --private <path outside this repository>, for example ~/command-post-update-signing.key.');
  const privateTarget = resolve(privatePath);
  if (isInside(repoRoot, privateTarget)) {
    throw new KeygenRefused(`${privateTarget} is inside this repository (${repoRoot}), where a commit or a copy would carry the private key. Choose a path outside it.`);
  }
  if (existsSync(privateTarget)) {
    throw new KeygenRefused(`${privateTarget} already exists. It may be the key installed copies trust: nothing was replaced. Choose another path, or move that file away yourself if you really mean to start over.`);
  }
  if (!existsSync(dirname(privateTarget))) throw new KeygenRefused(`The folder ${dirname(privateTarget)} does not exist.`);
  if (existsSync(publicPath)) {
    throw new KeygenRefused(
      `${publicPath} already exists: builds with it trust the private key made with it, and a new pair would make their updates impossible to install. Nothing was written. Remove it yourself first if you mean to change keys.`,
    );
  }

  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // 'wx': fail rather than overwrite, should a file appear in the meantime.
  writeFileSync(privateTarget, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
  try {
    writeFileSync(publicPath, publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx' });
  } catch (error) {
    // A private key without its public key installed anywhere is of no use.
    rmSync(privateTarget, { force: true });
    throw error;
  }
  return { privatePath: privateTarget, publicPath };
}

function argument(args, name) {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const written = makeUpdateKeyPair({ privatePath: argument(process.argv.slice(2), '--private') });
    console.log(`Private key (keep it secret, back it up, never commit it): ${written.privatePath}`);
    console.log(`Public key (shipped in every build from now on): ${written.publicPath}`);
    console.log('Sign each release with: npm run update:sign -- <installer> --key <private key>');
  } catch (error) {
    console.error(error instanceof KeygenRefused ? error.message : `The key pair could not be written: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
