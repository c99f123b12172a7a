import { UsageError } from '../errors.js';
import { parseCsv } from './csv.js';
import { formatOf, parseRecords } from './records.js';

it('parses CSV with quotes, commas, newlines and doubled quotes', () => {
  expect(parseCsv('a,b,c\r\n"x, y","line1\nline2","say ""hi"""\n\n1,,3')).toEqual([
    ['a', 'b', 'c'],
    ['x, y', 'line1\nline2', 'say "hi"'],
    ['1', '', '3'],
  ]);
  expect(() => parseCsv('a\n"open')).toThrow('never closed');
});

it('reads JSON records (an array or {credentials}) and CSV records into the same shape', () => {
  const json = parseRecords(
    JSON.stringify({
      credentials: [{ name: 'db', type: 'postgres', host: 'h', extra: { port: 5432 }, labels: ['x'], encrypted_secret: 'gAAA' }],
    }),
    'json',
  );
  const csv = parseRecords('name,type,host,extra,labels,encrypted_secret\ndb,postgres,h,"{""port"":5432}",x,gAAA\n', 'csv');
  expect(csv).toEqual(json);
  expect(json).toEqual([
    { source: 'record 1 (db)', body: { name: 'db', type: 'postgres', host: 'h', extra: { port: 5432 }, labels: ['x'] }, token: 'gAAA' },
  ]);
});

it('names the record and field that is wrong', () => {
  expect(() => parseRecords('[{"name":"a","type":"x"}]', 'json')).toThrow(
    new UsageError('record 1: encrypted_secret is required (the Fernet token)'),
  );
  expect(() => parseRecords('[{"type":"x","encrypted_secret":"t"}]', 'json')).toThrow('record 1: name is required');
  expect(() => parseRecords('name,type,extra,encrypted_secret\na,b,{bad,t\n', 'csv')).toThrow('record 1: extra must be a JSON object');
  expect(() => parseRecords('{"x":1}', 'json')).toThrow('must be an array');
  expect(() => parseRecords('nope', 'json')).toThrow('not valid JSON');
});

it('picks the format from the extension unless --format says', () => {
  expect([formatOf('x.CSV'), formatOf('x.json'), formatOf('x.csv', 'json')]).toEqual(['csv', 'json', 'json']);
  expect(() => formatOf('x', 'xml')).toThrow('--format must be json or csv');
});
