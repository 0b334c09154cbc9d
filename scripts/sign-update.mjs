#!/usr/bin/env node
/**
 * Signs one release installer for Command Post's updates
 * (npm run update:sign -- <installer> --key <private key> [--version x.y.z]),
 * writing <installer>.sig beside it. Put both on the update share or USB
 * stick, with latest*.yml and the .blockmap electron-builder wrote.
 *
 * The signature format is described in src/main/updates/signature.ts, which
 * verifies it: Ed25519 over the canonical JSON (RFC 8785) of
 * { format, file, version, sha512 }. The version defaults to package.json's,
 * the version this checkout builds; it is refused when the installer's name
 * carries another one, so an old installer cannot be signed as a new release.
 */
import canonicalize from 'canonicalize';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SIGNATURE_FORMAT = 'command-post-update-signature/1';

/** A refusal, said in one paragraph without a stack trace. */
export class SignRefused extends Error {}

const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
/** Version-like runs in a file name ("Command Post Setup 1.4.0.exe"): major.minor.patch only. */
const VERSION_IN_NAME = /(?<![\d.])\d+\.\d+\.\d+(?![\d])/g;

export function packageVersion() {
  const path = join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json');
  return JSON.parse(readFileSync(path, 'utf8')).version;
}

async function sha512(path) {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('base64');
}

/** Signs the installer and writes <installer>.sig; resolves with what it wrote. */
export async function signUpdateFile({ installerPath, privateKeyPem, version }) {
  if (!installerPath) throw new SignRefused('Say which installer to sign: npm run update:sign -- <installer> --key <private key>.');
  if (!privateKeyPem) throw new SignRefused('Say which private key signs: --key <path to the key npm run update:keygen wrote>.');
  if (!VERSION.test(version ?? '')) throw new SignRefused(`${JSON.stringify(version)} is not a version number such as 1.4.0.`);
  const path = resolve(installerPath);
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new SignRefused(`There is no file at ${path}.`);
  }
  if (!stats.isFile()) throw new SignRefused(`${path} is not a file.`);
  const file = basename(path);
  const named = [...file.matchAll(VERSION_IN_NAME)].map((match) => match[0]);
  if (named.length > 0 && !named.includes(version.replace(/[-+].*$/, ''))) {
    throw new SignRefused(`${file} looks like version ${named.join(' or ')}, not ${version}: sign each installer with its own version (--version), so an old one cannot pass for a new release.`);
  }
  let key;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw new SignRefused(`The key is not a private key in PEM form (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new SignRefused(`The key is a ${key.asymmetricKeyType} key; updates are signed with Ed25519 (npm run update:keygen).`);

  const payload = { format: SIGNATURE_FORMAT, file, version, sha512: await sha512(path) };
  const signature = sign(null, Buffer.from(canonicalize(payload), 'utf8'), key).toString('base64');
  const document = { ...payload, signature };
  const sigPath = `${path}.sig`;
  writeFileSync(sigPath, `${JSON.stringify(document, null, 2)}\n`);
  return { sigPath, signature: document };
}

function argument(args, name) {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const keyPath = argument(args, '--key');
  const installerPath = args.find((arg, i) => !arg.startsWith('--') && !['--key', '--version'].includes(args[i - 1] ?? ''));
  try {
    let privateKeyPem;
    if (keyPath) {
      try {
        privateKeyPem = readFileSync(keyPath, 'utf8');
      } catch (error) {
        throw new SignRefused(`The key ${keyPath} could not be read (${error instanceof Error ? error.message : String(error)}).`);
      }
    }
    const { sigPath, signature } = await signUpdateFile({ installerPath, privateKeyPem, version: argument(args, '--version') ?? packageVersion() });
    console.log(`Signed ${signature.file} as version ${signature.version}: ${sigPath}`);
  } catch (error) {
    console.error(error instanceof SignRefused ? error.message : `The installer could not be signed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
