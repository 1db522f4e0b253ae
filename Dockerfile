# Haven's production image: build with dev dependencies, run with production ones only.
#   docker build -t haven .
#   docker run -p 3000:3000 -v haven-data:/data haven            # embedded PGlite in /data
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… haven     # PostgreSQL
# See docs/deploy.md (compose.yaml runs the whole scale-out layout).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
# pg_dump/pg_restore/psql for `npm run db:backup` and `db:restore` against PostgreSQL.
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    PGLITE_DIR=/data/pglite
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/public ./public
# The server and CLIs run from TypeScript through tsx (a production dependency).
COPY package.json tsconfig.json server.ts ./
COPY app ./app
COPY db ./db
COPY scripts ./scripts
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# server.ts directly, not `npm start`: the image is already built, and npm would not pass
# SIGTERM on for a graceful stop.
CMD ["node", "--import", "tsx", "server.ts"]
