import { DotenvError, parseDotenv } from './dotenv.js';

it('reads assignments, export, comments and blank lines', () => {
  const vars = parseDotenv('# proxmox\nexport PROXMOX_HOST=pve.example.com  # the cluster\n\nEMPTY=\nURL=https://x.example.com/#anchor\n');
  expect(vars).toEqual([
    { name: 'PROXMOX_HOST', value: 'pve.example.com', line: 2 },
    { name: 'EMPTY', value: '', line: 4 },
    { name: 'URL', value: 'https://x.example.com/#anchor', line: 5 },
  ]);
});

it('keeps single quotes literal and unescapes double quotes, across lines', () => {
  const vars = parseDotenv(`A='$HOME \\n "x"'\nB="line1\\nline2 \\"q\\""\nKEY="-----BEGIN KEY-----\nabc\n-----END KEY-----"\nC=after`);
  expect(vars.map((v) => [v.name, v.value])).toEqual([
    ['A', '$HOME \\n "x"'],
    ['B', 'line1\nline2 "q"'],
    ['KEY', '-----BEGIN KEY-----\nabc\n-----END KEY-----'],
    ['C', 'after'],
  ]);
  expect(vars[3]!.line).toBe(6);
});

it('handles CRLF files and a byte-order mark', () => {
  expect(parseDotenv('\uFEFFA=1\r\nB=2\r\n').map((v) => v.value)).toEqual(['1', '2']);
});

it('names the line of a malformed entry, never its value', () => {
  expect(() => parseDotenv('A=1\nnot an assignment sk-secret\n')).toThrow(new DotenvError('line 2: expected NAME=value'));
  expect(() => parseDotenv('A="never closed sk-secret\n')).toThrow('line 1: the double quote is never closed');
});
