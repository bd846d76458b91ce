"use client";

// The same error boundary as the rest of the site.
export { default } from "../(site)/error";
