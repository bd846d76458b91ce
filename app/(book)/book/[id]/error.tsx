"use client";

import { ErrorContent } from "@/components/layout/error-content";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorContent reset={reset} />;
}
