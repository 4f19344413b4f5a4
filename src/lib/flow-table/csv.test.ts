import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';
import { healthChannel } from './fixtures';
import { toRow } from './rows';

describe('toCsv', () => {
  it('writes a header and one line per row, quoting where needed', () => {
    const csv = toCsv([toRow(healthChannel, { id: '1', name: 'Book, "fast"', status: 'DRAFT', categories: ['SURVEY', 'OTHER'], validationErrorCount: 2 }, undefined)]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe('provider,account,channel,flow_id,name,status,categories,validation_errors,health,health_entities');
    expect(line).toBe('with-health,support-in,295XXXXXXXXXXXX,1,"Book, ""fast""",DRAFT,SURVEY OTHER,2,,');
  });

  it('defuses spreadsheet formulas in provider text', () => {
    const csv = toCsv([toRow(healthChannel, { id: '2', name: '=HYPERLINK("http://x")', status: 'DRAFT' }, undefined)]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
