import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/** Code blocks of a Markdown text marked `<!-- file: <path> -->` on the line before, by path. */
function fileBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const m of markdown.matchAll(/^<!-- file: (\S+) -->\n```[a-z]*\n([\s\S]*?)^```$/gm)) blocks.set(m[1]!, m[2]!);
  return blocks;
}

describe('README examples ("Writing a plugin", "Webhooks")', () => {
  const blocks = fileBlocks(readFileSync(resolve(ROOT, 'README.md'), 'utf8'));

  it('shows the example plugin, its tests and the webhook check exactly as the files the suite runs', () => {
    expect([...blocks.keys()]).toEqual(expect.arrayContaining(['tests/support/example-plugin.tsx', 'tests/plugins/example/example.test.ts', 'tests/webhooks/verify-webhook.mjs']));
    for (const [path, code] of blocks) expect(code, `README block of ${path}`).toBe(readFileSync(resolve(ROOT, path), 'utf8'));
  });

  it('finds a marked block, and tells a changed one apart', () => {
    const markdown = (code: string) => `text\n\n<!-- file: a/b.ts -->\n\`\`\`ts\n${code}\`\`\`\n\nmore\n`;
    expect(fileBlocks(markdown('const a = 1;\n'))).toEqual(new Map([['a/b.ts', 'const a = 1;\n']]));
    expect(fileBlocks(markdown('const a = 2;\n')).get('a/b.ts')).not.toBe('const a = 1;\n');
    expect(fileBlocks('```ts\nconst a = 1;\n```\n').size).toBe(0);
  });
});
