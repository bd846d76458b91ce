"use client";

// The same error boundary as the rest of the site: a failed render keeps the site layout.
export { default } from "../(site)/error";
