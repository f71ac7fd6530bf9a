// A local RTSP test camera for tests and the demo: GStreamer's RTSP server (python3-gi +
// gir1.2-gst-rtsp-server-1.0 + gstreamer1.0-plugins-{base,good,ugly}, all Debian packages) serving a moving
// H.264 test pattern with a clock on 127.0.0.1 and a free port. Started and stopped by the test itself.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface RtspSource {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./rtsp-source.py', import.meta.url));
// The Debian interpreter: python3-gi is installed for it (a pyenv python on PATH would not have it).
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startRtspSource(options: { path?: string; width?: number; height?: number; fps?: number } = {}): Promise<RtspSource> {
  const path = options.path ?? '/camera';
  const port = await freePort();
  const child = spawn(PYTHON, [SCRIPT, String(port), path, String(options.width ?? 640), String(options.height ?? 360), String(options.fps ?? 15)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`RTSP test source did not start: ${output}`)); }, 15_000);
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('ready')) { clearTimeout(timer); resolve(); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`RTSP test source exited with ${code}: ${output}`)); });
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    url: `rtsp://127.0.0.1:${port}${path}`,
    port,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    },
  };
}
