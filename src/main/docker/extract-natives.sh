#!/usr/bin/env bash
# Copies the Linux x86-64 native libraries of JavaCPP/OpenCV/OpenBLAS and ONNX Runtime out of their jars
# into one flat directory, for images that load them from disk (LD_LIBRARY_PATH) instead of from the
# classpath. Used by Dockerfile.native; see docs/native-image.md.
#
#   src/main/docker/extract-natives.sh JAR_DIR OUT_DIR
#
# JAR_DIR: a directory holding the application's dependency jars, searched recursively
#          (target/*-native-image-source-jar/lib after a native build, or target/quarkus-app/lib).
# OUT_DIR: receives the .so files, the symlinks their loaders expect, and OpenCV's licence files.
#
# Which files and links are needed was checked on a JVM by loading opencv_core/imgproc/imgcodecs and
# creating an OrtEnvironment with ONLY this directory (no native jars on the classpath), using
# -Djava.library.path=OUT_DIR -Dorg.bytedeco.javacpp.pathsFirst=true -Donnxruntime.native.path=OUT_DIR.
set -euo pipefail

jar_dir=$(cd "${1:?usage: $0 JAR_DIR OUT_DIR}" && pwd)   # absolute: jar runs in another directory
out=${2:?usage: $0 JAR_DIR OUT_DIR}
jar_tool=${JAVA_HOME:+$JAVA_HOME/bin/}jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

found=0
while IFS= read -r -d '' j; do
  found=1
  (cd "$work" && "$jar_tool" xf "$j" org/bytedeco)
done < <(find "$jar_dir" -name '*bytedeco*linux-x86_64*.jar' -print0)
[[ $found == 1 ]] || { echo "no org.bytedeco *linux-x86_64 jars under $jar_dir" >&2; exit 1; }

# Top-level libraries only (sub-folders hold headers, CMake files, tools and Python bindings).
# Skipped: the Python binding and OpenBLAS' full-LAPACK JNI library, which nothing here loads.
find "$work"/org/bytedeco/*/linux-x86_64 -maxdepth 1 -name '*.so*' \
     ! -name '*python*' ! -name 'libjniopenblas_full.so' -exec cp -P {} "$out"/ \;
# OpenBLAS' "nolapack" JNI library links against libopenblas_nolapack.so.0, a name JavaCPP normally
# creates as a link in its cache when it extracts from the jar.
[[ -e "$out/libopenblas.so.0" ]] && ln -sf libopenblas.so.0 "$out/libopenblas_nolapack.so.0"
if [[ -d "$work/org/bytedeco/opencv/linux-x86_64/share/licenses" ]]; then
  mkdir -p "$out/licenses"
  cp -r "$work/org/bytedeco/opencv/linux-x86_64/share/licenses/." "$out/licenses/"
fi

ort=$(find "$jar_dir" -name '*onnxruntime*.jar' -print -quit)
[[ -n "$ort" ]] || { echo "no onnxruntime jar under $jar_dir" >&2; exit 1; }
(cd "$work" && "$jar_tool" xf "$ort" ai/onnxruntime/native/linux-x64)
cp "$work"/ai/onnxruntime/native/linux-x64/*.so "$out"/
# libonnxruntime4j_jni.so is linked against the soname libonnxruntime.so.1.
ln -sf libonnxruntime.so "$out/libonnxruntime.so.1"

echo "native libraries in $out: $(find "$out" -maxdepth 1 -name '*.so*' | wc -l) files, $(du -sh "$out" | cut -f1)"
