/**
 * Names the JavaScript functions in a callgrind dump of `instructions.ts --keep`, so that `callgrind_annotate` shows
 * `DataRow` or `renderToString` where it showed `0x000000000d3999c0`: V8 compiles JavaScript at run time, and callgrind
 * knows such code only by its address. Run the count with node writing its map of compiled code:
 *
 *   NODE_OPTIONS=--perf-basic-prof node --import tsx bench/http/instructions.ts --path /p/time-bank/ --as volunteer --keep
 *   node --import tsx bench/http/name-jit-frames.ts /tmp/vc-instructions-XXXX/callgrind.PID.1 /tmp/perf-PID.map > named.out
 *   callgrind_annotate --inclusive=yes named.out          # or --tree=calling / --tree=caller
 *
 * An address V8 reused for other code after a collection gets the name of the code there last: rare, and seen as
 * an unlikely caller (a job library calling a render function).
 */
import { readFileSync } from 'node:fs';

const [dumpFile, mapFile] = process.argv.slice(2);
if (!dumpFile || !mapFile) {
  console.error('usage: name-jit-frames.ts <callgrind dump> <perf-PID.map>');
  process.exit(2);
}

type Code = { start: number; end: number; name: string };

/** `/tmp/perf-PID.map`: one line a piece of compiled code, `start size name` (hex, hex, text). */
function readMap(file: string): Code[] {
  const codes: Code[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/i.exec(line);
    if (!match) continue;
    const start = parseInt(match[1]!, 16);
    codes.push({ start, end: start + parseInt(match[2]!, 16), name: match[3]!.replace(/\s+/g, '_') });
  }
  // Stable: of two pieces at one address, the later-written (the current one) stays last and wins the search.
  return codes.sort((a, b) => a.start - b.start);
}

function nameAt(codes: Code[], address: number): string | undefined {
  let low = 0;
  let high = codes.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (codes[middle]!.start <= address) [found, low] = [middle, middle + 1];
    else high = middle - 1;
  }
  const code = codes[found];
  return code && address < code.end ? code.name : undefined;
}

const codes = readMap(mapFile);
// callgrind names a function once, `fn=(id) name` (or `cfn=` for a callee), then by its id alone.
const named = readFileSync(dumpFile, 'utf8')
  .split('\n')
  .map((line) => {
    const match = /^(c?fn=\(\d+\)) 0x([0-9a-f]+)$/i.exec(line);
    const name = match && nameAt(codes, parseInt(match[2]!, 16));
    return name ? `${match[1]} ${name}` : line;
  });
process.stdout.write(named.join('\n'));
