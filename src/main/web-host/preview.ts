/**
 * The web app's server for `npm run web`: Vite's preview server with the
 * project's vite.web.config.ts (Vite stays in node_modules, not in the
 * bundle), plus the one answer the page asks it: where signaling is.
 */
import { preview, type Plugin } from 'vite';
import { WEB_HOST_CONFIG_PATH, type WebServer, type WebServerOptions } from './command';

/** Answers WEB_HOST_CONFIG_PATH with the signaling port, before Vite's static files. */
function webHostConfig(signalingPort: () => number | null): Plugin {
  return {
    name: 'command-post-web-host-config',
    configurePreviewServer(server) {
      server.middlewares.use(WEB_HOST_CONFIG_PATH, (_req, res) => {
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'no-store');
        res.end(JSON.stringify({ signalingPort: signalingPort() }));
      });
    },
  };
}

export async function startWebApp({ host, port, signalingPort }: WebServerOptions): Promise<WebServer> {
  // Vite warns, when loading the config, about a loader it may adopt some day; a responder starting the app need not read that.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  const before = { sigterm: process.listeners('SIGTERM'), stdinEnd: process.stdin.listeners('end') };
  try {
    const server = await preview({
      configFile: 'vite.web.config.ts',
      logLevel: 'warn',
      preview: { host, port, strictPort: true, open: false },
      plugins: [webHostConfig(signalingPort)],
    });
    // Vite's preview closes itself and exits the process on SIGTERM, or when
    // stdin ends (npm run web in the background): the signaling server would
    // be cut off mid-close. This command stops both servers itself.
    for (const listener of process.listeners('SIGTERM')) if (!before.sigterm.includes(listener)) process.off('SIGTERM', listener);
    for (const listener of process.stdin.listeners('end')) if (!before.stdinEnd.includes(listener)) process.stdin.off('end', listener as () => void);
    const urls = server.resolvedUrls ? [...server.resolvedUrls.local, ...server.resolvedUrls.network] : [`http://${host}:${port}/`];
    return { urls, close: () => server.close() };
  } catch (error) {
    // Vite says "Port 4173 is already in use" without Node's code; give it one so the message can name the flag.
    if (error instanceof Error && / is already in use$/.test(error.message)) throw Object.assign(error, { code: 'EADDRINUSE' });
    throw error;
  }
}
