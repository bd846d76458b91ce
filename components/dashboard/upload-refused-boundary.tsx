"use client";

import { Component, type ReactNode } from "react";
import { bytesOfTooLarge } from "@/lib/uploads/too-large";

type Props = {
  /** The form, told the size of a request the server refused as too large (null before any). */
  children: (refusedBytes: number | null) => ReactNode;
};

type State = { refusedBytes: number | null; error: unknown };

/**
 * Around an upload form whose file is checked in the browser first: should the server still
 * refuse the request as too large (413 from lib/server/body-limit.ts; the file grew after it was
 * chosen, or the server takes less than this page knows), Next's client throws, and without this
 * boundary the page would be replaced by the error page. Here the form is shown again, told the
 * size, so it explains the limit next to the file input. Any other error goes on to the page's
 * error boundary.
 */
export class UploadRefusedBoundary extends Component<Props, State> {
  override state: State = { refusedBytes: null, error: null };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    const refusedBytes = bytesOfTooLarge(error instanceof Error ? error.message : undefined);
    return refusedBytes === null ? { error } : { refusedBytes, error: null };
  }

  override render(): ReactNode {
    if (this.state.error !== null) throw this.state.error;
    // React mounts the children afresh after a caught error: the form starts over, with no
    // trace of the refused action.
    return this.props.children(this.state.refusedBytes);
  }
}
