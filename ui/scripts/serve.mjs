#!/usr/bin/env node
// The real backend for the screenshot scripts and for looking at the UI: `exempelbank serve
// --write` on a new temporary library (the starter entries, plus any entries given, added with
// the CLI before the server starts), stopped and removed when the process exits. The UI it
// serves is the ui/dist the binary was built with.
//
// As a module:
//   const server = await startServer({ seed: [entry, ...], trash: ['id', ...] });
//   await page.goto(server.link);   // first: sets the token cookie, then the app is at server.url
//   await server.rpc('update_entry', { ... });
//   server.stop();
//
// From the command line (prints the link, runs until Ctrl-C; `npm run serve`):
//   node scripts/serve.mjs [--seed tests/e2e/seed.json] [--port 5174]
//
// env: EXEMPELBANK_CLI (../target/debug/exempelbank).

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const BIN = process.env.EXEMPELBANK_CLI ?? resolve(here, '..', '..', 'target', 'debug', 'exempelbank');

/**
 * Starts `exempelbank serve --write` on a new library. `seed` are entries (objects as
 * `exempelbank schema` describes them) added before the start; `trash` the ids then moved to
 * the trash. Answers the link with the token (`link`), the app's address without it (`url`), a
 * `rpc(command, args)` that sends the token, a `cli(...args)` on the same library, and `stop()`.
 */
export async function startServer({ seed = [], trash = [], port = 0, bin = BIN } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'exempelbank-ui-'));
  const library = join(dir, 'bibliotek');
  const cli = (...args) =>
    execFileSync(bin, ['--library', library, ...args], { encoding: 'utf8', timeout: 60_000 });
  let child = null;
  const stop = () => {
    if (child !== null && child.exitCode === null) child.kill();
    child = null;
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  try {
    cli('init');
    if (seed.length > 0) {
      writeFileSync(join(dir, 'seed.json'), JSON.stringify(seed));
      cli('add', join(dir, 'seed.json'));
    }
    for (const id of trash) cli('delete', id);
    child = spawn(bin, ['--library', library, 'serve', '--write', '--addr', `127.0.0.1:${port}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const link = await new Promise((resolveLink, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`the server did not start in 30 s: ${out}${err}`)), 30_000);
      child.stdout.on('data', (d) => {
        out += d;
        const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(out);
        if (found) {
          clearTimeout(timer);
          resolveLink(found[0]);
        }
      });
      child.stderr.on('data', (d) => {
        err += d;
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server stopped (exit ${code}): ${out}${err}`));
      });
    });
    const parsed = new URL(link);
    const token = parsed.searchParams.get('token');
    const url = `${parsed.origin}/`;
    const rpc = async (command, args = {}) => {
      const response = await fetch(new URL(`api/rpc/${command}`, url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(args),
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(`${command}: ${JSON.stringify(answer)}`);
      return answer;
    };
    return { link, url, token, library, rpc, cli, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

/**
 * The server a screenshot script runs against: the one at `--url` (the link a `serve --write`
 * printed, with its token) when given, otherwise a new one from `startServer(options)`. A
 * server at `--url` is used as it is (the seed is not added) and left running.
 */
export async function serverFor(url, options = {}) {
  if (!url) return startServer(options);
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token');
  const base = `${parsed.origin}/`;
  const rpc = async (command, args = {}) => {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(new URL(`api/rpc/${command}`, base), {
      method: 'POST',
      headers,
      body: JSON.stringify(args),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`${command}: ${JSON.stringify(answer)}`);
    return answer;
  };
  return { link: url, url: base, token, rpc, cli: null, stop: () => {} };
}

// From the command line: start one and keep it running.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (name, fallback) => {
    const i = args.indexOf(name);
    return i === -1 ? fallback : args[i + 1];
  };
  const seedFile = arg('--seed', null);
  const seed = seedFile ? JSON.parse(readFileSync(seedFile, 'utf8')) : [];
  const trash = seed.map((e) => e.id).filter((id) => typeof id === 'string' && id.startsWith('e2e-papperskorg-'));
  const server = await startServer({ seed, trash, port: Number(arg('--port', '0')) });
  console.log(`Exempelbanken på ${server.link} (bibliotek ${server.library}; Ctrl-C stoppar och tar bort det)`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      server.stop();
      process.exit(0);
    });
  }
}
