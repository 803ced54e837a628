# syntax=docker/dockerfile:1
# The `ingest` command in a container; by default a fleet worker with every role (CMD ["worker"]).
#   docker build -t ingestion/ingest .
# docker-compose.yml builds it for its worker fleet. Untested here: no Docker engine on the machines this was written on.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish Ingestion.Host/Ingestion.Host.csproj -c Release -o /app -p:UseAppHost=false

# ASP.NET Core's runtime: `ingest console` serves the review console, and accounts hash passwords with its PasswordHasher.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# The OCR tier renders PDF pages with Poppler and reads them with Tesseract's English model; fonts-urw-base35 gives
# Poppler metric-compatible faces for the standard-14 fonts that sample PDFs use without embedding them.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng poppler-utils fonts-urw-base35 \
    && rm -rf /var/lib/apt/lists/*
# Turns the files of /run/secrets named Ingestion__… into those environment variables (compose `secrets:`).
COPY --chmod=755 deploy/with-secrets.sh /usr/local/bin/with-secrets
# The content store, the receipts and the ledger's signing key: shared by the fleet through one volume.
RUN install -d -o "$APP_UID" -g "$APP_UID" -m 750 /var/lib/ingestion \
    /var/lib/ingestion/content /var/lib/ingestion/receipts /var/lib/ingestion/keys
ENV Ingestion__ContentStore__Root=/var/lib/ingestion/content \
    Ingestion__Receipts__Root=/var/lib/ingestion/receipts \
    Ingestion__Audit__SigningKeyPath=/var/lib/ingestion/keys/ledger-signing.pem
WORKDIR /app
COPY --from=build /app .
# The non-root user of the .NET images (uid 1654).
USER $APP_UID
ENTRYPOINT ["dotnet", "ingest.dll"]
CMD ["worker"]
