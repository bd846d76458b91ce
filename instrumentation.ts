import type { Instrumentation } from "next";

// One structured log line per failed request; the response itself never carries the stack.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("@/lib/log");
  const err = error as Error & { digest?: string; code?: string };
  // The client went away mid-request (a navigation, a closed tab): nothing failed on our side.
  const aborted = err.message === "aborted" || err.code === "ECONNRESET";
  logger[aborted ? "debug" : "error"](
    {
      err: { name: err.name, message: err.message, digest: err.digest, stack: err.stack },
      method: request.method,
      path: request.path,
      route: context.routePath,
      kind: context.routeType,
    },
    "request failed",
  );
};

// Each Node.js instance publishes scheduled chapters and works the job queue on its own timers
// (not while building, nor where PUBLISH_SCHEDULER=off or JOB_WORKER=off).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/lib/env");
  if (env.PUBLISH_SCHEDULER === "on") (await import("@/lib/scheduler/publish-due")).startPublishScheduler();
  if (env.JOB_WORKER === "on") (await import("@/lib/jobs/worker")).startJobWorker();
}
