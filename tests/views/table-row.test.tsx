import { html, raw } from 'hono/html';
import { describe, expect, it } from 'vitest';
import { Table, TableRow } from '../../views/components/table.tsx';

// A row of text and finished HTML is made as one string, any other row as an html template: the same HTML either way.
describe('a table row', () => {
  const columns = ['Name', { label: 'Do', class: 'actions' }, ''];

  it('escapes text, keeps finished HTML, leaves out empty cells, as a template would', async () => {
    const row = (await (<TableRow columns={columns} cells={['<b>&"\'', raw('<em>ok</em>'), null]} id="r-1" />).toString()) as string;
    expect(row).toBe('<tr id="r-1"><td data-label="Name">&lt;b&gt;&amp;&quot;&#39;</td><td data-label="Do" class="actions"><em>ok</em></td><td></td></tr>');
    const template = (await (<TableRow columns={columns} cells={['<b>&"\'', html`<em>${'ok'}</em>`, <span>{7}</span>]} />).toString()) as string;
    expect(template).toBe('<tr><td data-label="Name">&lt;b&gt;&amp;&quot;&#39;</td><td data-label="Do" class="actions"><em>ok</em></td><td><span>7</span></td></tr>');
  });

  it('renders every row of a table with its column labels', async () => {
    const table = (await (<Table columns={columns} rows={[1, 2]} cells={(n) => [`n${n}`, n, raw('<i>x</i>')]} />).toString()) as string;
    expect(table).toContain('<tbody><tr><td data-label="Name">n1</td><td data-label="Do" class="actions">1</td><td><i>x</i></td></tr><tr><td data-label="Name">n2</td>');
  });
});
