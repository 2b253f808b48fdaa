# Lantern API image: the NestJS API serving the built web app on one port.
# Build from the repository root:  docker build -f docker/api.Dockerfile -t lantern .
# Node 26, the Active LTS (docs/operations.md, "Node.js versions"); CI proves the oldest supported, 20.19.
FROM node:26-bookworm-slim AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false SCARF_ANALYTICS=false PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY libs/contracts/package.json libs/contracts/
COPY libs/permissions/package.json libs/permissions/
COPY libs/anonymize/package.json libs/anonymize/
COPY migrations/package.json migrations/
COPY tools/synthetic/package.json tools/synthetic/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build --projects=api,web --output-style=static \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:26-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/libs/contracts/package.json libs/contracts/
COPY --from=build --chown=root:root /app/libs/contracts/dist libs/contracts/dist
COPY --from=build --chown=root:root /app/libs/permissions/package.json libs/permissions/
COPY --from=build --chown=root:root /app/libs/permissions/dist libs/permissions/dist
COPY --from=build --chown=root:root /app/libs/anonymize/package.json libs/anonymize/
COPY --from=build --chown=root:root /app/libs/anonymize/dist libs/anonymize/dist
COPY --from=build --chown=root:root /app/migrations/package.json migrations/
COPY --from=build --chown=root:root /app/migrations/dist migrations/dist
COPY --from=build --chown=root:root /app/apps/api/package.json apps/api/
COPY --from=build --chown=root:root /app/apps/api/dist apps/api/dist
COPY --from=build --chown=root:root /app/apps/web/dist apps/web/dist
# Not copied: the synthetic-data generator (tools/synthetic) and faker, a dev dependency. They make the demo
# data and the benchmark loads, and demo mode is refused under NODE_ENV=production (docs/operations.md).
# The code is owned by root and read-only to the process; it runs as the unprivileged `node` user.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Graceful shutdown: SIGTERM fails readiness, drains requests (25 s at most), exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "apps/api/dist/main.js"]
