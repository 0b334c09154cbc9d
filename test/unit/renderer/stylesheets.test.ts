/**
 * Every stylesheet of the app's page is listed in app/stylesheets.ts, which
 * loads them at start-up in cascade order: a sheet left to load with a
 * feature loaded later would come after the small-screen layout and
 * override it on a phone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const renderer = fileURLToPath(new URL('../../../src/renderer/', import.meta.url));
const app = join(renderer, 'app');

function sheetsUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sheetsUnder(join(dir, entry.name)) : entry.name.endsWith('.css') ? [join(dir, entry.name)] : [],
  );
}

const listed = [...readFileSync(join(app, 'stylesheets.ts'), 'utf8').matchAll(/^import '([^']+\.css)';$/gm)].map((m) => join(app, m[1]!));

describe('the stylesheets loaded at start-up', () => {
  it('lists every stylesheet of the page once', () => {
    const name = (path: string) => relative(renderer, path);
    expect([...listed].map(name).sort()).toEqual(sheetsUnder(renderer).map(name).sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('starts with the tokens and ends with the small-screen layout', () => {
    expect(relative(app, listed[0]!)).toBe('tokens.css');
    expect(relative(app, listed.at(-1)!)).toBe('small-screens.css');
  });
});
