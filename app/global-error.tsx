"use client";

// Last resort when a root layout itself fails: plain HTML, no data, no details.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "system-ui, sans-serif", textAlign: "center", padding: "3rem 1rem" }}>
        <h1>服务暂时不可用 · Service unavailable</h1>
        <p>请稍后再试。Please try again shortly.</p>
        <button type="button" onClick={reset}>
          重试 · Retry
        </button>
      </body>
    </html>
  );
}
