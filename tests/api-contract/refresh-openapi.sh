#!/usr/bin/env bash
# Writes the document the app serves (/swagger/v1/swagger.json) over src/NearshoreHub.Client/openapi.json, the copy
# the typed client is generated from. Run after changing the API, then rebuild and commit the copy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
NEARSHOREHUB_REFRESH_OPENAPI=1 dotnet test tests/NearshoreHub.Contract.Tests -c Release \
  --filter "FullyQualifiedName~CommittedDocumentTests" "$@"
git --no-pager diff --stat -- src/NearshoreHub.Client/openapi.json
