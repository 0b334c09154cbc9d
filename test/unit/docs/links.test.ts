/**
 * The README, the manual in docs/ and bench/README.md link to each other by
 * relative paths and heading anchors; moving a page or renaming a heading
 * must not leave a reader at a dead link, nor a path named in the text
 * point at a file that moved. Links to the web are not fetched.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const pages = ['README.md', 'bench/README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The Markdown outside fenced code blocks, where a link is a link. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, heading] of prose(readFileSync(file, 'utf8')).matchAll(/^#{1,6} +(.+?) *$/gm)) {
    const slug = (heading ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}

function links(page: string): string[] {
  return [...prose(readFileSync(join(root, page), 'utf8')).matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
}

describe('links in the README and the manual', () => {
  it('finds the pages it checks', () => {
    expect(pages).toEqual(expect.arrayContaining(['docs/timeline.md', 'docs/keyboard.md', 'docs/architecture.md']));
  });

  for (const page of pages) {
    it(`${page}: every relative link reaches a file, and every anchor a heading in it`, () => {
      const broken: string[] = [];
      for (const link of links(page)) {
        if (/^[a-z]+:/i.test(link)) continue;
        const [path, anchor] = link.split('#');
        const target = path ? resolve(dirname(join(root, page)), path) : join(root, page);
        if (!existsSync(target)) broken.push(`${link} (no ${relative(root, target)})`);
        else if (anchor && target.endsWith('.md') && !anchors(target).has(anchor)) broken.push(`${link} (no heading #${anchor})`);
      }
      expect(broken).toEqual([]);
    });
  }

  for (const page of pages) {
    it(`${page}: every repository path it names in code spans is there`, () => {
      const named = [...readFileSync(join(root, page), 'utf8').matchAll(/`((?:src|test|bench|scripts|docs|patches|resources)\/[^`\s]+)`/g)].map((m) => m[1] ?? '');
      expect(named.filter((path) => !existsSync(join(root, path)))).toEqual([]);
    });
  }

  it('the anchor rule matches GitHub on headings with punctuation', () => {
    const sample = join(root, 'docs/sharing-and-sync.md');
    expect(anchors(sample)).toContain('in-sync-is-proven-not-assumed');
    expect(anchors(sample)).toContain('when-a-mesh-is-outgrown-a-relay');
  });
});
