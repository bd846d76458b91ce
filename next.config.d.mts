import type { NextConfig } from "next";

/** next.config.mjs: the configuration for a phase (lib/uploads/limits.test.ts reads it). */
export default function config(phase: string): NextConfig;
