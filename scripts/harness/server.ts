import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { buildCsp } from '../../shared/csp';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { MAX_PAYLOAD_BYTES } from '../../shared/ipc/limits';
import type { Language } from '../../shared/settings';
import type { AppProfile } from '../../electron/services/app/hostPorts';
import { createRuntime } from '../../electron/services/app/runtime';
import { KDF_DEFAULTS } from '../../electron/services/vault/formatConstants';
import { createDispatcher } from '../../electron/services/ipc/dispatch';
import { createLogger } from '../../electron/services/log/logger';
import { createConfBackend } from '../../electron/services/settings/confBackend';
import { createSettingsService } from '../../electron/services/settings/settingsService';
import { readBridgeFrame } from './bridgeFrame';

export interface HarnessOptions {
  rendererDir: string;
  resourcesDir: string;
  downloadsDir: string;
  /** The WebSocket stand-in for the preload, built in memory by scripts/harness.ts. */
  bridgeCode: string;
  dataDir: string;
  port: number;
  systemLanguage: Language;
  version: string;
  profile: AppProfile;
  /** Days added to the wall clock the services see: a laptop started again after weeks. */
  clockDaysAhead: number;
  /**
   * A browser registers no global shortcut. With this set, the harness answers for the OS the way
   * a desktop that refuses every combination would (taken, or Wayland without the portal).
   */
  refusePanicShortcut: boolean;
  /**
   * Calibrate Argon2id as the app does (seconds per create and unlock). Off by default: e2e runs
   * keep the fixed format-1 parameters (64 MiB, t = 3) so dozens of vaults stay quick to make.
   */
  calibrateKdf: boolean;
}

function tokenMatches(given: string | null, token: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface RunningHarness {
  url: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * The browser harness: the same handler table and dispatcher as Electron main, bridged over a
 * loopback WebSocket. The page gets the app's CSP with one difference — connect-src 'self', the
 * harness's own socket — because a browser has no preload.
 */
export async function startHarness(options: HarnessOptions): Promise<RunningHarness> {
  const logger = createLogger(undefined, true);
  const token = randomBytes(32).toString('hex');
  const settings = createSettingsService({ backend: createConfBackend(options.dataDir), logger });
  if (settings.get().language === null) settings.update({ language: options.systemLanguage });

  const sockets = new Set<WebSocket>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const message = JSON.stringify({ event, payload });
    for (const socket of sockets) socket.send(message);
  };

  // The panic wipe deletes the app's `tikho-*` entries in the temp folder. Here the data folders of
  // other runs live there too, so this run gets its own "OS temp folder" beside its data folder.
  const panicTmpDir = `${path.resolve(options.dataDir)}.panic-tmp`;
  fs.mkdirSync(panicTmpDir, { recursive: true, mode: 0o700 });

  let origin = '';
  let lastActivity = Date.now();
  let clipboardText = '';
  const runtime = createRuntime({
    version: options.version,
    platform: process.platform,
    host: 'harness',
    profile: options.profile,
    systemLanguage: options.systemLanguage,
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir,
    settings,
    logger,
    emit,
    panicTmpDir,
    ...(options.calibrateKdf ? {} : { kdf: { ...KDF_DEFAULTS } }),
    ...(options.clockDaysAhead ? { wallClock: () => Date.now() + options.clockDaysAhead * 86_400_000 } : {}),
    // No `ports.panic`: a browser tab has no Electron session or recent documents; the window's end state arrives as events:wiped.
    ports: {
      ...(options.refusePanicShortcut
        ? {
            panicShortcut: {
              state: () => {
                const accelerator = settings.get().panicShortcut;
                return accelerator === null ? null : { accelerator, registered: false };
              },
              onChange: () => () => undefined,
            },
          }
        : {}),
      // A browser page cannot reach the OS clipboard from main; the harness keeps its own.
      clipboard: {
        writeText: (text) => {
          clipboardText = text;
        },
        readText: () => Promise.resolve(clipboardText),
        clear: () => {
          clipboardText = '';
        },
      },
      chooseSavePath: (defaultName) =>
        Promise.resolve(path.join(options.downloadsDir, path.basename(defaultName))),
      // The harness cannot see the OS idle time; the last call from the page stands in for it.
      idleSeconds: () => (Date.now() - lastActivity) / 1000,
    },
  });
  await runtime.recoverInterruptedWipe();
  const table = runtime.table;
  const dispatchers: { current: ReturnType<typeof createDispatcher> | null } = { current: null };

  const csp = buildCsp({ 'connect-src': "'self'" });
  const cspMeta = buildCsp({ 'connect-src': "'self'" }, true);
  const indexHtml = fs
    .readFileSync(path.join(options.rendererDir, 'index.html'), 'utf8')
    .replace(/(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/, `$1${cspMeta}$2`)
    .replace('<head>', '<head>\n    <script src="/__harness/bridge.js"></script>');
  const bridge = options.bridgeCode;

  const server = http.createServer((req, res) => {
    const hostOk = req.headers.host === new URL(origin).host;
    if (!hostOk || req.method !== 'GET') {
      // Host check: a DNS-rebinding page must not read the harness.
      res.writeHead(403).end();
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    const headers = {
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    };
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(indexHtml);
      return;
    }
    if (url.pathname === '/__harness/idle') {
      // Tests play "the person walked away for N seconds": the real idle check then runs at once.
      if (!tokenMatches(url.searchParams.get('token'), token)) {
        res.writeHead(403, headers).end();
        return;
      }
      lastActivity = Date.now() - Number(url.searchParams.get('seconds') ?? 0) * 1000;
      void runtime.services.autoLock.tick().then(() => {
        const state = runtime.services.vault.isUnlocked() ? 'unlocked' : 'locked';
        res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify({ state }));
      });
      return;
    }
    if (url.pathname === '/__harness/bridge.js') {
      res.writeHead(200, { ...headers, 'content-type': MIME['.js'] }).end(bridge);
      return;
    }
    const root = path.resolve(options.rendererDir);
    const file = path.resolve(root, decodeURIComponent(url.pathname).replace(/^\/+/, ''));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, headers).end();
      return;
    }
    res
      .writeHead(200, { ...headers, 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' })
      .end(fs.readFileSync(file));
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD_BYTES + 64 * 1024,
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const tokenOk = tokenMatches(url.searchParams.get('token'), token);
    const originOk = req.headers.origin === origin;
    const hostOk = req.headers.host === new URL(origin).host;
    if (url.pathname !== '/__harness/ipc' || !tokenOk || !originOk || !hostOk) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => {
        sockets.delete(ws);
        // The page went away (closed or reloaded): like a crashed Electron renderer, lock.
        if (sockets.size === 0) void runtime.services.autoLock.onRendererGone();
      });
      ws.on('message', (data) => {
        void (async () => {
          const frame = readBridgeFrame(
            Buffer.isBuffer(data)
              ? data.toString('utf8')
              : Array.isArray(data)
                ? Buffer.concat(data).toString('utf8')
                : Buffer.from(data).toString('utf8'),
          );
          if ('refusal' in frame) {
            ws.send(JSON.stringify(frame.refusal));
            return;
          }
          const message = frame.call;
          lastActivity = Date.now();
          const dispatch = dispatchers.current;
          if (!dispatch) return;
          const result = await dispatch(message.channel, message.payload, {
            url: `${origin}/`,
            isMainFrame: true,
          });
          ws.send(JSON.stringify({ id: message.id, result }));
        })();
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('harness: no address');
  origin = `http://127.0.0.1:${address.port}`;
  dispatchers.current = createDispatcher({ table, allowedOrigins: [origin], logger });

  return {
    url: `${origin}/?token=${token}`,
    close: async () => {
      await runtime.shutdown();
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(panicTmpDir, { recursive: true, force: true });
    },
  };
}
