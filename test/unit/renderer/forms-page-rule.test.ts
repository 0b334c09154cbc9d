import { describe, expect, it } from 'vitest';
import { cssString, pageRule } from '../../../src/renderer/features/forms/page-rule';
import type { FormHeader } from '../../../src/shared/report/ics-forms/model';

const HEADER: FormHeader = {
  incidentName: '26-Bravo',
  severity: 'SEV-1',
  drill: false,
  periodFrom: 0,
  periodTo: 60_000,
  periodText: '1970-01-01 00:00 UTC to 1970-01-01 00:01 UTC (ongoing)',
  preparedBy: 'Ada Lovelace (IC)',
  preparedAt: 60_000,
};

describe('the printed forms’ @page rule', () => {
  it('names the paper, and carries the incident, period, preparer and page count on every page', () => {
    const rule = pageRule('a4', HEADER);
    expect(rule).toContain('size: A4;');
    expect(pageRule('letter', HEADER)).toContain('size: letter;');
    expect(rule).toContain('"Page " counter(page) " of " counter(pages)');
    expect(rule).toContain('26-Bravo · operational period 1970-01-01 00:00 UTC to 1970-01-01 00:01 UTC (ongoing)');
    expect(rule).toContain('" "\\A " "Prepared by Ada Lovelace (IC), 1970-01-01 00:01 UTC"');
    expect(rule).not.toContain('DRILL');
    expect(pageRule('a4', { ...HEADER, drill: true })).toContain('DRILL');
  });

  it('keeps a hostile name inside its CSS string, shortened for the footer', () => {
    expect(cssString('a"b\\c\n</style>{}')).toBe('"a\\22 b\\5c c\\a \\3c \\2f style\\3e \\7b \\7d "');
    const rule = pageRule('a4', { ...HEADER, incidentName: `"}@page{size:A3}</style>${'x'.repeat(80)}` });
    expect(rule).not.toMatch(/^\s*size:\s*A3/m);
    expect(rule).not.toContain('</style>');
    expect(rule).toContain('…');
  });
});
