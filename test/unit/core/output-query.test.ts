// --query first, then the format asked (issue 7 §1.5): -o tsv|ids|table render what the
// query selected; -o json/yaml and no -o print it as JSON/YAML.

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { IO } from '../../../src/core/io.js';
import { renderData, type OutputFormat } from '../../../src/core/output.js';

const ITEMS = [
  { InstanceId: 'i-1', InstanceName: 'web', Status: 'Running', Tags: { Tag: [{ TagKey: 'env' }] } },
  { InstanceId: 'i-22', InstanceName: 'db', Status: 'Stopped' },
];
const SPEC = { id: 'InstanceId', columns: [{ header: 'id', get: 'InstanceId' }, { header: 'status', get: 'Status' }] };

async function render(format: OutputFormat | undefined, query: string, tty = false): Promise<string> {
  let out = '';
  const sink = new Writable({ write: (c, _e, cb) => ((out += c.toString()), cb()) });
  const io = { stdout: sink, stderr: sink, stdoutIsTTY: tty, stderrIsTTY: tty, stdinIsTTY: false, columns: 80, color: false, colorOut: false } as unknown as IO;
  await renderData(io, ITEMS, SPEC, { format, query });
  return out;
}

describe('--query with each format', () => {
  it('-o tsv: the selected fields, tab-separated, one line per item', async () => {
    expect(await render('tsv', '[].{Name: InstanceName, St: Status}')).toBe('web\tRunning\ndb\tStopped\n');
    expect(await render('tsv', "[?Status=='Running']")).toBe('i-1\tweb\tRunning\t{"Tag":[{"TagKey":"env"}]}\n');
    expect(await render('tsv', '[].InstanceId')).toBe('i-1\ni-22\n');
  });
  it('a multi-select list ([].[a,b]) is rows of cells, not JSON arrays', async () => {
    expect(await render('tsv', '[].[InstanceId, Status]')).toBe('i-1\tRunning\ni-22\tStopped\n');
    expect(await render('table', '[].[InstanceId, Status]')).toBe('i-1\tRunning\ni-22\tStopped\n');
    expect(await render('ids', '[].[InstanceId, Status]')).toBe('i-1\ni-22\n');
  });
  it('-o ids: one ID per line of the selected items', async () => {
    expect(await render('ids', "[?Status=='Stopped']")).toBe('i-22\n');
    expect(await render('ids', '[].{InstanceId: InstanceId}')).toBe('i-1\ni-22\n');
  });
  it('-o table: aligned with the selected fields as headers on a terminal', async () => {
    expect(await render('table', '[].{Name: InstanceName, St: Status}', true)).toBe('NAME   ST\nweb    Running\ndb     Stopped\n');
  });
  it('-o json, and no -o: JSON of the selection', async () => {
    expect(await render('json', '[0].InstanceName')).toBe('"web"\n');
    expect(await render(undefined, '[].InstanceName')).toBe('["web","db"]\n');
    expect(await render('yaml', '[1].Status')).toBe('Stopped\n');
  });
});
