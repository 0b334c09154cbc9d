/**
 * The release scripts: scripts/update-keygen.mjs makes the key pair without
 * ever putting the private key where a commit could carry it or over a key
 * that installed copies trust; scripts/sign-update.mjs signs an installer,
 * refusing to sign it as another version than its name says.
 */
import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain Node scripts, without declarations.
import { makeUpdateKeyPair, REPO_ROOT } from '../../../scripts/update-keygen.mjs';
// @ts-expect-error: plain Node scripts, without declarations.
import { signUpdateFile } from '../../../scripts/sign-update.mjs';
import { verifyUpdate } from '../../../src/main/updates/signature';

let dir = '';
let repo = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'command-post-keys-'));
  // A stand-in for the repository, so no test ever writes into the real one.
  repo = join(dir, 'repo');
  await mkdir(join(repo, 'resources'), { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const keygen = (privatePath: string | undefined) => () => makeUpdateKeyPair({ privatePath, publicPath: join(repo, 'resources', 'update-signing-key.pem'), repoRoot: repo });

describe('npm run update:keygen', () => {
  it('writes the private key outside the repository (owner-only) and the public key into resources/', async () => {
    const written = keygen(join(dir, 'signing.key'))() as { privatePath: string; publicPath: string };
    const privateKey = createPrivateKey(await readFile(written.privatePath, 'utf8'));
    const publicKey = createPublicKey(await readFile(written.publicPath, 'utf8'));
    expect(privateKey.asymmetricKeyType).toBe('ed25519');
    expect(createPublicKey(privateKey).equals(publicKey)).toBe(true);
    if (process.platform !== 'win32') expect((await stat(written.privatePath)).mode & 0o077).toBe(0);
  });

  it('refuses to put the private key inside the repository, even through a link', async () => {
    expect(keygen(join(repo, 'signing.key'))).toThrow(/is inside this repository .* Choose a path outside it\./);
    expect(keygen(join(repo, 'resources', 'deeper', 'signing.key'))).toThrow(/is inside this repository/);
    await symlink(repo, join(dir, 'link'));
    expect(keygen(join(dir, 'link', 'signing.key'))).toThrow(/is inside this repository/);
    await expect(stat(join(repo, 'resources', 'update-signing-key.pem'))).rejects.toThrow();
  });

  it('refuses to replace an existing private or public key, and writes nothing', async () => {
    await writeFile(join(dir, 'signing.key'), 'the key installed copies trust');
    expect(keygen(join(dir, 'signing.key'))).toThrow(/already exists\. It may be the key installed copies trust: nothing was replaced/);
    expect(await readFile(join(dir, 'signing.key'), 'utf8')).toBe('the key installed copies trust');

    await writeFile(join(repo, 'resources', 'update-signing-key.pem'), 'old public key');
    expect(keygen(join(dir, 'other.key'))).toThrow(/update-signing-key\.pem already exists/);
    await expect(stat(join(dir, 'other.key'))).rejects.toThrow();
  });

  it('asks where the private key goes when not told', () => {
    expect(keygen(undefined)).toThrow(/Say where the private key goes/);
  });

  it('guards the real repository by default', () => {
    expect(REPO_ROOT).toBe(join(import.meta.dirname, '..', '..', '..'));
    expect(() => makeUpdateKeyPair({ privatePath: join(REPO_ROOT, 'signing.key'), publicPath: join(dir, 'public.pem') })).toThrow(/is inside this repository/);
  });

  it('run as a script without --private, exits 1 with one sentence and no stack', () => {
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'update-keygen.mjs')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Say where the private key goes/);
    expect(result.stderr).not.toContain('    at ');
  });
});

describe('npm run update:sign', () => {
  it('signs an installer so that the app verifies it, and the script refuses a version its name contradicts', async () => {
    const { privatePath, publicPath } = keygen(join(dir, 'signing.key'))() as { privatePath: string; publicPath: string };
    const installer = join(dir, 'Command-Post-2.0.0.AppImage');
    await writeFile(installer, 'not really an AppImage');
    const privateKeyPem = await readFile(privatePath, 'utf8');

    await expect(signUpdateFile({ installerPath: installer, privateKeyPem, version: '1.9.0' })).rejects.toThrow(
      'Command-Post-2.0.0.AppImage looks like version 2.0.0, not 1.9.0',
    );
    const { sigPath } = (await signUpdateFile({ installerPath: installer, privateKeyPem, version: '2.0.0' })) as { sigPath: string };
    expect(sigPath).toBe(`${installer}.sig`);
    const verified = await verifyUpdate({
      filePath: installer,
      signatureText: await readFile(sigPath, 'utf8'),
      publicKey: createPublicKey(await readFile(publicPath, 'utf8')),
      runningVersion: '1.9.0',
    });
    expect(verified.version).toBe('2.0.0');
  });

  it('refuses a key that is not an Ed25519 private key', async () => {
    const installer = join(dir, 'setup.exe');
    await writeFile(installer, 'x');
    await expect(signUpdateFile({ installerPath: installer, privateKeyPem: 'nope', version: '1.0.0' })).rejects.toThrow(/not a private key in PEM form/);
  });
});
