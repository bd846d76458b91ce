// The site's server (lib/server/site-server.ts): the reading pages and Next on PORT. Started by
// scripts/start.ts (npm start / npm run dev) with the database URL and the session secret set;
// `--dev` runs Next's development server inside it.
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { startSiteServer } from "@/lib/server/site-server";

const server = await startSiteServer({ dev: process.argv.includes("--dev"), port: env.PORT });
logger.info(`serving on port ${env.PORT}`);

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    const timer = setTimeout(() => process.exit(0), 8000);
    timer.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "closing the server failed");
        process.exit(1);
      },
    );
  });
}
