# The DataForge sync server. Build: docker build -t dataforge .
# Run (SQLite + blobs on a volume): docker run -p 8080:8080 -v dataforge:/data dataforge
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source: the build needs a toolchain.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production DATAFORGE_HOST=0.0.0.0 DATAFORGE_PORT=8080 DATAFORGE_DATA=/data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
RUN useradd --system --uid 10001 dataforge && mkdir -p /data && chown dataforge /data
USER dataforge
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:8080/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/dataforge.js", "serve"]
