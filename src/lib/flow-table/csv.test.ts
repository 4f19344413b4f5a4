import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';
import { kaleyraChannel } from './fixtures';
import { toRow } from './rows';

describe('toCsv', () => {
  it('writes a header and one line per row, quoting where needed', () => {
    const csv = toCsv([toRow(kaleyraChannel, { id: '1', name: 'Book, "fast"', status: 'DRAFT', categories: ['SURVEY', 'OTHER'], validationErrorCount: 2 }, undefined)]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe('provider,account,channel,flow_id,name,status,categories,validation_errors,health,health_entities');
    expect(line).toBe('kaleyra,HXAP16XXXXXX97IN,295XXXXXXXXXXXX,1,"Book, ""fast""",DRAFT,SURVEY OTHER,2,,');
  });

  it('defuses spreadsheet formulas in provider text', () => {
    const csv = toCsv([toRow(kaleyraChannel, { id: '2', name: '=HYPERLINK("http://x")', status: 'DRAFT' }, undefined)]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
