/**
 * A real API process for the scale-out tests: `src/server/main.ts` as `npm start` runs it, configured by its
 * environment, on a free port of 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed (stdout and stderr), in order. */
  output: string[];
}

/** Starts `src/server/main.ts` on a free port with `env`; resolves once it says where it listens. */
export function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no start within 60 s:\n${output.join('')}`)), 60_000);
    const onData = (b: Buffer) => {
      output.push(b.toString());
      const m = /listening on (http:\/\/\S+)/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        ok({ url: m[1]!, child, output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited ${code}:\n${output.join('')}`));
    });
  });
}

/** SIGTERM, resolved once it has exited. */
export const stopApiProcess = (p: ApiProcess | undefined) =>
  new Promise<void>((done) => {
    if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return done();
    p.child.once('exit', () => done());
    p.child.kill('SIGTERM');
  });
