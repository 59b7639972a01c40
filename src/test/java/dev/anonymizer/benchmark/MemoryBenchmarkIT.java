package dev.anonymizer.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Memory of the packaged function as Knative runs it: the JVM options of the manifest ({@code JAVA_OPTS}) in a
 * container of the manifest's memory limit (simulated with {@code -XX:MaxRAM}), 100 real photos posted one after
 * the other, then the process RSS and its peak (VmHWM). Photos: {@code ../shared/eval} faces and plates when present
 * (50 of each), else the committed photos in turn. Run on purpose, after {@code package}:
 * {@code ./mvnw verify -Pbenchmark -Dit.test=MemoryBenchmarkIT}.
 */
@Tag("benchmark")
class MemoryBenchmarkIT {

    static final Path ROOT = ColdStartBenchmarkIT.ROOT;
    /**
     * The manifest's JVM options and memory limit (knative/200-service.yaml, application.properties);
     * {@code -Dbenchmark.java-opts="..."} tries others.
     */
    static final List<String> JAVA_OPTS = List.of(System.getProperty("benchmark.java-opts",
            "-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError").trim().split("\\s+"));
    static final String CONTAINER_LIMIT = "2g";
    /**
     * The manifest's memory and thread environment for the process ({@code -Dbenchmark.env=K=V;K=V} tries another;
     * the manifest's low-memory variant: {@code -Dbenchmark.env="MALLOC_ARENA_MAX=2;
     * ANONYMIZER_MODELS_ARENA_SHRINKAGE=true;MALLOC_MMAP_THRESHOLD_=131072;GLIBC_TUNABLES=glibc.malloc.hugetlb=1;
     * ANONYMIZER_MODELS_PARALLEL_INFERENCES=1;ANONYMIZER_MODELS_INTRA_OP_THREADS=2"}).
     */
    static final java.util.Map<String, String> ENV = env(System.getProperty("benchmark.env",
            "MALLOC_ARENA_MAX=2"));

    private static java.util.Map<String, String> env(String spec) {
        java.util.Map<String, String> env = new java.util.TreeMap<>();
        for (String kv : spec.split(";")) {
            if (kv.contains("=")) {
                env.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
            }
        }
        return env;
    }
    static final int PHOTOS = 100;

    @Test
    void rssAfterAHundredPhotos() throws Exception {
        // -Dbenchmark.app=DIR measures another packaged build (a quarkus-app folder) the same way
        Path jar = Path.of(System.getProperty("benchmark.app", ROOT.resolve("target/quarkus-app").toString()))
                .resolve("quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar);
        Path data = Files.createTempDirectory("anonymizer-memory");
        Path photos = Files.createDirectories(data.resolve("photos"));
        List<Path> sources = photos();
        for (int i = 0; i < PHOTOS; i++) {
            Path src = sources.get(i % sources.size());
            Files.copy(src, photos.resolve(i + "-" + src.getFileName()));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:MaxRAM=" + CONTAINER_LIMIT));
        cmd.addAll(JAVA_OPTS);
        cmd.addAll(List.of("-Dquarkus.http.port=" + port, "-Danonymizer.storage.local.root=" + data,
                "-Dorg.bytedeco.javacpp.cachedir=" + ROOT.resolve("target/javacpp-cache"), "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(data.resolve("log.txt").toFile());
        pb.environment().putAll(ENV);
        Process p = pb.start();
        try {
            ColdStartBenchmarkIT.waitReady(port, p);
            long readyRss = ColdStartBenchmarkIT.rssKb(p.pid()) / 1024;
            long start = System.nanoTime();
            double cpuBefore = cpuSeconds(p.pid());
            try (Stream<Path> files = Files.list(photos)) {
                for (Path f : files.sorted().toList()) {
                    assertEquals(200, ColdStartBenchmarkIT.post(port, f.getFileName().toString()));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // the function's own CPU time: on a shared machine it moves far less than the wall clock
            double cpu = cpuSeconds(p.pid()) - cpuBefore;
            System.out.printf("packaged function, %s %s, container limit %s: RSS when ready %d MiB; after %d photos "
                    + "(%s) %d MiB, peak %d MiB; %.1f s for the photos (%.1f CPU s)%n", ENV, String.join(" ", JAVA_OPTS),
                    CONTAINER_LIMIT, readyRss, PHOTOS, sources.size() + " different", ColdStartBenchmarkIT.rssKb(p.pid())
                    / 1024, peakKb(p.pid()) / 1024, seconds, cpu);
            if (Boolean.getBoolean("benchmark.nmt")) {
                // with -XX:NativeMemoryTracking=summary in benchmark.java-opts: what the JVM itself holds
                Process jcmd = new ProcessBuilder("jcmd", Long.toString(p.pid()), "VM.native_memory", "summary")
                        .redirectErrorStream(true).start();
                System.out.println(new String(jcmd.getInputStream().readAllBytes()));
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private static List<Path> photos() throws IOException {
        Path eval = ROOT.resolve("../shared/eval");
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(eval)) {
            try (Stream<Path> faces = Files.list(eval.resolve("faces/images"));
                    Stream<Path> plates = Files.list(eval.resolve("plates/us"))) {
                out.addAll(faces.sorted().limit(PHOTOS / 2).toList());
                out.addAll(plates.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(PHOTOS / 2).toList());
            }
        } else {
            System.out.println("../shared/eval is absent: the committed photos are posted in turn");
            try (Stream<Path> committed = Files.list(ROOT.resolve("src/test/resources/images"))) {
                out.addAll(committed.filter(f -> f.toString().endsWith(".jpg")).sorted().toList());
            }
        }
        return out;
    }

    /** User and system CPU time of the process, from {@code /proc/<pid>/stat} (clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static long peakKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
