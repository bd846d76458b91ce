import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { waitForUrl } from "./wait";

// The shipped nginx configuration (deploy/nginx) run in front of a local server, for the e2e
// tests (e2e/reverse-proxy.spec.ts) and the benchmarks (scripts/bench-live.ts): the site file
// deploy/nginx/shuhai.conf with its EDIT lines made for this machine (the upstream is the given
// port, the cache lives in a temporary directory, no TLS). Loopback only.

const DEPLOY = fileURLToPath(new URL("../../deploy/nginx", import.meta.url));

export const NGINX_BINARY = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"].find((p) =>
  existsSync(p),
);
export const NGINX_MISSING = "nginx is not installed (apt-get install -y nginx-light)";

export type Nginx = { url: string; dir: string; cacheDir: string; stop(): Promise<void> };

export async function startNginx(opts: { upstreamPort: number; port: number; cacheMaxSize?: string }): Promise<Nginx> {
  if (!NGINX_BINARY) throw new Error(NGINX_MISSING);
  const dir = mkdtempSync(path.join(os.tmpdir(), "shuhai-nginx-"));
  // nginx's workers run as an unprivileged user when it is started as root: let them in.
  chmodSync(dir, 0o755);
  for (const sub of ["cache", "cache/pages", "cache/static", "temp"]) {
    mkdirSync(path.join(dir, sub));
    chmodSync(path.join(dir, sub), 0o777);
  }
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/temp/body;
  proxy_temp_path ${dir}/temp/proxy;
  fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi;
  scgi_temp_path ${dir}/temp/scgi;
  include ${DEPLOY}/shuhai-http.conf;
  upstream shuhai_app { server 127.0.0.1:${opts.upstreamPort}; keepalive 32; keepalive_timeout 4s; }
  proxy_cache_path ${dir}/cache/pages levels=1:2 keys_zone=shuhai_pages:20m max_size=${opts.cacheMaxSize ?? "256m"} inactive=2s use_temp_path=off;
  proxy_cache_path ${dir}/cache/static levels=1:2 keys_zone=shuhai_static:10m max_size=${opts.cacheMaxSize ?? "256m"} inactive=7d use_temp_path=off;
  server {
    listen 127.0.0.1:${opts.port};
    include ${DEPLOY}/shuhai-locations.conf;
  }
}
`,
  );
  const check = spawnSync(NGINX_BINARY, ["-t", "-p", dir, "-c", conf], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`the nginx configuration does not load:\n${check.stderr}`);
  const child = spawn(NGINX_BINARY, ["-p", dir, "-c", conf, "-g", "daemon off;"], { stdio: "inherit" });
  const url = `http://127.0.0.1:${opts.port}`;
  try {
    await waitForUrl(`${url}/api/health/live`, { gaveUp: () => child.exitCode !== null });
  } catch {
    child.kill("SIGKILL");
    throw new Error(`nginx did not come up:\n${readFileSync(path.join(dir, "error.log"), "utf8")}`);
  }
  return {
    url,
    dir,
    cacheDir: path.join(dir, "cache"),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGQUIT");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
