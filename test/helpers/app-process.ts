// The app as a real process on a free port: `npm start` as the README says, or server/main.ts under tsx.
// Ready when it logs "listening"; stopped with SIGTERM to its whole process group (npm starts node).
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { projectRoot } from '../../server/paths.js';

export interface AppProcess {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** From spawn to "listening", in milliseconds. */
  startMs: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const NPM_START = ['npm', 'start', '--silent'];
export const TSX_MAIN = [process.execPath, '--import', 'tsx', 'server/main.ts'];

/** Starts `command` with PORT and PUBLIC_URL set to a free local port (so QR codes lead back to it). */
export async function startAppProcess(command: string[], env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const child = spawn(command[0]!, command.slice(1), {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), PUBLIC_URL: url, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('"msg":"listening"')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`the app exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    output: () => output,
    startMs: Date.now() - started,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}
