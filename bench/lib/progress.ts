/** A one-line progress bar on stderr, rewritten in place at most ten times a second. */
export function progressBar(label: string, total: number) {
  const started = performance.now();
  let last = 0;
  let done = 0;
  const tty = process.stderr.isTTY;
  const draw = (final = false) => {
    const now = performance.now();
    if (!final && now - last < 100) return;
    last = now;
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const line = `${label.padEnd(16)} [${bar}] ${(share * 100).toFixed(0).padStart(3)}% ${done}/${total} ${rate}/s ${seconds.toFixed(1)}s`;
    if (tty) process.stderr.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
    else if (final) process.stderr.write(`${line}\n`);
  };
  return {
    add(n: number) {
      done += n;
      draw();
    },
    finish() {
      draw(true);
      return (performance.now() - started) / 1000;
    },
  };
}
