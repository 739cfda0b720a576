# syntax=docker/dockerfile:1

# ---- Stage 1: build ---------------------------------------------------------
# Edition 2024 needs Rust >= 1.85; rust:1-bookworm tracks the latest stable 1.x.
# Only a C compiler is needed (already in this image): SQLite and libpq are built
# from source by the libsqlite3-sys `bundled` and pq-sys `bundled_without_openssl`
# features, so no libpq-dev / libssl-dev.
FROM rust:1-bookworm AS build
WORKDIR /build

# 1. Dependencies only: manifests plus a dummy crate, so this layer stays cached
#    until Cargo.toml / Cargo.lock change.
COPY Cargo.toml Cargo.lock ./
RUN mkdir src \
 && echo 'fn main() {}' > src/main.rs \
 && touch src/lib.rs \
 && cargo build --release --locked \
 && rm -rf src \
           target/release/pakn target/release/pakn.d \
           target/release/deps/pakn-* target/release/deps/libpakn-* \
           target/release/.fingerprint/pakn-*

# 2. The real crate. migrations/ and api-spec/ are embedded at compile time
#    (embed_migrations!, include_str!), so they must be present for this build.
COPY migrations ./migrations
COPY api-spec ./api-spec
COPY src ./src
RUN touch src/main.rs src/lib.rs \
 && cargo build --release --locked \
 && strip target/release/pakn

# ---- Stage 2: runtime -------------------------------------------------------
FROM debian:bookworm-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system pakn \
 && useradd --system --gid pakn --home-dir /var/lib/pakn --no-create-home \
            --shell /usr/sbin/nologin pakn \
 && mkdir -p /var/lib/pakn \
 && chown pakn:pakn /var/lib/pakn

COPY --from=build /build/target/release/pakn /usr/local/bin/pakn

WORKDIR /var/lib/pakn
USER pakn

ENV PAKN_BIND=0.0.0.0:8080 \
    PAKN_DATA_DIR=/var/lib/pakn \
    PAKN_LOG_FORMAT=json

EXPOSE 8080
# Default SQLite database lives here (PAKN_DATA_DIR/pakn.db) unless
# PAKN_DATABASE_URL points at PostgreSQL.
VOLUME /var/lib/pakn

# No HEALTHCHECK: the slim image has no curl; health is handled by compose.
ENTRYPOINT ["/usr/local/bin/pakn"]
CMD ["serve"]
