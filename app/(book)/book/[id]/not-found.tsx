import type { Metadata } from "next";
import { NotFoundContent } from "@/components/layout/not-found-content";
import { getT } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  return { title: getT()("errors.notFoundTitle"), robots: { index: false } };
}

export default function NotFound() {
  return <NotFoundContent />;
}
