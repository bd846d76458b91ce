import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

// Chromium: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own download.
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const found = candidates.find((p): p is string => Boolean(p && existsSync(p)));
  if (found) return found;
  try {
    // Playwright's browser, if `npx playwright install chromium` was run.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require("@playwright/test") as typeof import("@playwright/test");
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // fall through to the message below
  }
  throw new Error(
    "No Chromium found for the e2e tests. Install one of:\n" +
      "  - Debian/Ubuntu: apt-get install -y chromium   (or set CHROMIUM_PATH=/path/to/chromium)\n" +
      "  - Playwright's build: npx playwright install chromium",
  );
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-gpu",
        "--disable-quic",
        "--disable-sync",
      ],
    },
  },
  // The production build on its own embedded database (fresh demo catalog each run).
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `http://127.0.0.1:${PORT}/api/health/ready`,
    timeout: 600_000,
    reuseExistingServer: false,
    // SIGTERM lets scripts/start.ts stop Next and then PostgreSQL (which runs in its own process
    // group); Playwright's default SIGKILL would leave the database running.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
  },
});
